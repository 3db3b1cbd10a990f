// How every script starts Dead Air's server (scripts/serve.ts, bundled): its arguments, and a child process that
// stops when the script that started it dies, however it dies.
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { isPostgresUrl } from "../lib/postgres";

/**
 * V8 flags of the server, each weighed with `npm run bench` (README, Speed). On SQLite:
 * - `--max-semi-space-size=4`: V8's young generation capped at 4 MB a half. Node 24 lets it grow to 64 MB a half,
 *   and every page of it the allocator has walked through stays resident, so any request that allocates a lot (the
 *   whole-database export allocates hundreds of MB) leaves the server that much larger: 320 MB at the export's peak
 *   uncapped, about 155 MB at 8 MB a half, 145 MB at 4. Scavenges are shorter too: the p99 of writes at 10
 *   connections was about 200 ms uncapped (medians of 53 ms at 8 MB a half and 64 at 4). Writes at 50 connections
 *   are some 14 % slower than at 8 MB (medians of 8 and 14 runs).
 * - `--no-allocation-site-pretenuring`: with a young generation this small, V8 sees the export's short-lived rows
 *   survive a scavenge or two, starts allocating them straight in the old generation, and that fills with garbage
 *   until a full collection (peaks of 217 and 226 MB in two of four runs at 4 MB a half; none in 20 without it).
 * - `--liftoff-only`: WebAssembly (Prisma's query compiler) stays on V8's baseline compiler. Its optimising tier
 *   compiles in background threads whose malloc arenas keep what they used (10–16 MB more at times, 2–3 MB always);
 *   on SQLite the query compiler is 0.2 % of a write's CPU time and some 10 % of a page's on this tier.
 *
 * On PostgreSQL, whose writes go through Prisma's client (its query compiler is WebAssembly), the flags of before:
 * 8 MB a half, WebAssembly optimised. In the scale benchmark the baseline compiler stored some 15 % fewer samples
 * (16,400–17,700 a second in three runs against 18,800–20,800 in three); writes swung too much from run to run to
 * tell (106–168 a second either way), and the export's memory target is SQLite's.
 */
export function v8Flags(databaseUrl: string): string[] {
  if (isPostgresUrl(databaseUrl)) return ["--max-semi-space-size=8"];
  return ["--max-semi-space-size=4", "--no-allocation-site-pretenuring", "--liftoff-only"];
}

/** Where the server's bundle is written: beside the packages it imports, which Node finds from there. */
export const SERVER_BUNDLE = path.join("node_modules", ".cache", "dead-air", "serve.mjs");

/**
 * Bundles scripts/serve.ts (and the two modules of ours it imports) into one plain ES module, the packages left as
 * imports, and answers its path. The server runs from it rather than through tsx, whose module hooks run in a thread
 * with a V8 heap of its own: about 30 MB of every server's memory (README, Speed). Bundling takes some 20 ms, so it
 * runs every time; the file is replaced only when its text changes, and by a rename, so that a server starting at
 * the same moment never reads half a file.
 */
export function bundleServer(root: string = process.cwd()): string {
  const [output] = buildSync({
    entryPoints: [path.join(root, "scripts", "serve.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    packages: "external",
    write: false,
    logLevel: "silent",
    outfile: path.join(root, SERVER_BUNDLE),
  }).outputFiles;
  const file = output.path;
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === output.text) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, output.text);
  fs.renameSync(partial, file);
  return file;
}

/** `databaseUrl`: the server's DATABASE_URL when it is not this process's. */
export function serveArgs(options: { port: string | number; host?: string; dev?: boolean; nodeFlags?: string[]; databaseUrl?: string }): string[] {
  return [
    ...v8Flags(options.databaseUrl ?? process.env.DATABASE_URL ?? ""),
    ...(options.nodeFlags ?? []),
    bundleServer(),
    "--port",
    String(options.port),
    "--hostname",
    options.host ?? "127.0.0.1",
    ...(options.dev ? ["--dev"] : []),
  ];
}

const SETPRIV = "/usr/bin/setpriv";

/**
 * Runs this Node with `args`. On Linux, util-linux's setpriv first sets the parent-death signal (then replaces itself
 * with Node, keeping the pid): when the script that started the server is killed, even by SIGKILL, the server gets
 * SIGTERM and stops as it does on any stop, its monitors' ffmpeg processes with it.
 */
export function spawnNode(args: string[], options: SpawnOptions): ChildProcess {
  if (process.platform === "linux" && fs.existsSync(SETPRIV))
    return spawn(SETPRIV, ["--pdeathsig", "SIGTERM", "--", process.execPath, ...args], options);
  return spawn(process.execPath, args, options);
}
