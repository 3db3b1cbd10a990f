// The server runs from a bundle of scripts/serve.ts (scripts/serve-command.ts): plain JavaScript that Node runs
// without a loader, with our modules inside it and the packages imported from node_modules.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleServer, SERVER_BUNDLE, serveArgs } from "@/scripts/serve-command";

const root = path.resolve(import.meta.dirname, "../..");

describe("the server's bundle", () => {
  it("is plain JavaScript with our modules inlined and the packages left as imports", () => {
    const text = fs.readFileSync(bundleServer(root), "utf8");
    expect(text).toMatch(/^import next from "next";$/m);
    expect(text).not.toMatch(/from "\.\.?\//);
    // lib/http/client.ts and lib/shutdown.ts are inside it.
    expect(text).toContain("function trustedProxyCount");
    expect(text).toContain("function runShutdownHooks");
  });

  it("is rewritten only when its text changes, so that a server starting meanwhile never reads half a file", () => {
    const file = bundleServer(root);
    expect(path.relative(root, file)).toBe(SERVER_BUNDLE);
    const before = fs.statSync(file);
    expect(bundleServer(root)).toBe(file);
    expect(fs.statSync(file).ino).toBe(before.ino);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("is written into a new folder of its own when there is none", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-bundle-"));
    try {
      fs.cpSync(path.join(root, "scripts"), path.join(scratch, "scripts"), { recursive: true });
      fs.cpSync(path.join(root, "lib"), path.join(scratch, "lib"), { recursive: true, filter: (p) => !p.includes("generated") });
      const file = bundleServer(scratch);
      expect(file).toBe(path.join(scratch, SERVER_BUNDLE));
      expect(fs.readFileSync(file, "utf8")).toContain("serving on");
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("starts a server on SQLite with the small young generation and WebAssembly unoptimised, one on PostgreSQL with neither", () => {
    const flags = (databaseUrl: string) => {
      const args = serveArgs({ port: 3000, databaseUrl });
      return args.slice(
        0,
        args.findIndex((a) => a.endsWith(path.basename(SERVER_BUNDLE))),
      );
    };
    expect(flags("file:./data/deadair.db")).toEqual(["--max-semi-space-size=4", "--no-allocation-site-pretenuring", "--liftoff-only"]);
    expect(flags("postgresql://localhost/deadair")).toEqual(["--max-semi-space-size=8"]);
  });
});
