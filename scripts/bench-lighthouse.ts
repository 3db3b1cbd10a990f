// The pages part of `npm run bench`: Lighthouse's performance score (desktop settings) of every page on the seeded
// database, signed out and, for the editing pages, signed in as an admin, in Debian's Chromium (or E2E_CHROMIUM).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { createUser } from "../lib/data/users";
import { disconnectDb } from "../lib/db";
import { systemActor } from "../lib/domain/actor";
import { buildIfStale } from "./build-if-stale";
import { CHROMIUM_ARGS, systemChromium } from "./chromium";
import { seededDatabase, startServer } from "./server-process";

export const TARGET_LIGHTHOUSE = 95;
const ADMIN = { email: "bench-admin@example.org", password: "bench lighthouse password" };

/** Every page a reader or an editor opens, with the founding case's events (the seed's). */
const PAGES: { path: string; signedIn: boolean }[] = [
  { path: "/", signedIn: false },
  { path: "/events", signedIn: false },
  { path: "/events/musk-trump-x-spaces-2024", signedIn: false },
  { path: "/events/desantis-twitter-spaces-2023", signedIn: false },
  { path: "/compare", signedIn: false },
  { path: "/sources", signedIn: false },
  { path: "/signin", signedIn: false },
  { path: "/events/musk-trump-x-spaces-2024", signedIn: true },
  { path: "/events/new", signedIn: true },
  { path: "/events/musk-trump-x-spaces-2024/edit", signedIn: true },
  { path: "/import", signedIn: true },
  { path: "/admin", signedIn: true },
  { path: "/account", signedIn: true },
];

export interface LighthouseFigure {
  path: string;
  signedIn: boolean;
  score: number;
  /** Total blocking time and largest contentful paint, ms, as Lighthouse simulates them. */
  tbtMs: number;
  lcpMs: number;
}

function chromiumPath(): string {
  const found = systemChromium();
  if (!found) throw new Error('No Chromium for Lighthouse: run "sudo apt-get install chromium".');
  return found;
}

/** Starts Chromium with a debugging port of its choosing and resolves with the port once it says which. */
function startChromium(profile: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    chromiumPath(),
    [...CHROMIUM_ARGS, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its debugging port:\n${log}`)), 30_000);
    child.stderr!.on("data", (chunk) => {
      log += chunk;
      const port = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, port: Number(port) });
      }
    });
    child.on("exit", (code) => reject(new Error(`Chromium stopped (${code}):\n${log}`)));
  });
}

export async function runLighthouseBench(): Promise<LighthouseFigure[]> {
  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-lighthouse-"));
  const { url } = await seededDatabase(path.join(dir, "seeded.db"), 0);
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    await createUser({ ctx: { actor: systemActor("console") }, input: { ...ADMIN, role: "admin" } });
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = previous;
  }
  const server = await startServer(url);
  const chromium = await startChromium(path.join(dir, "profile"));
  try {
    const signIn = await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: server.url },
      body: JSON.stringify(ADMIN),
    });
    if (!signIn.ok) throw new Error(`Signing in for Lighthouse failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
    const figures: LighthouseFigure[] = [];
    for (const page of PAGES) {
      // The first load of a page compiles nothing (a production build) but fills the server's caches, as readers do.
      await fetch(server.url + page.path, { headers: page.signedIn ? { cookie } : {} });
      const result = await lighthouse(
        server.url + page.path,
        { port: chromium.port, logLevel: "error", onlyCategories: ["performance"], extraHeaders: page.signedIn ? { Cookie: cookie } : undefined },
        desktopConfig,
      );
      const lhr = result!.lhr;
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${page.path}: ${lhr.runtimeError.message}`);
      // A signed-in page measured as the sign-in form it sends strangers to would flatter it.
      if (new URL(lhr.finalDisplayedUrl).pathname !== page.path) throw new Error(`Lighthouse on ${page.path} ended at ${lhr.finalDisplayedUrl}`);
      figures.push({
        ...page,
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        tbtMs: lhr.audits["total-blocking-time"].numericValue ?? NaN,
        lcpMs: lhr.audits["largest-contentful-paint"].numericValue ?? NaN,
      });
    }
    return figures;
  } finally {
    chromium.child.kill("SIGKILL");
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printLighthouseFigures(figures: LighthouseFigure[]): void {
  console.log(`\nLighthouse, performance (desktop settings, seeded database, Chromium ${chromiumPath()}):`);
  console.log(`${"page".padEnd(52)}${"score".padStart(6)}${"TBT".padStart(9)}${"LCP".padStart(9)}`);
  for (const f of figures) {
    const name = `${f.path}${f.signedIn ? " (signed in)" : ""}`;
    console.log(
      `${name.padEnd(52)}${String(f.score).padStart(6)}${`${Math.round(f.tbtMs)} ms`.padStart(9)}${`${Math.round(f.lcpMs)} ms`.padStart(9)}`,
    );
  }
  const lowest = figures.reduce((a, b) => (b.score < a.score ? b : a));
  console.log(
    `${lowest.score >= TARGET_LIGHTHOUSE ? "PASS" : "FAIL"}  every page scores at least ${TARGET_LIGHTHOUSE}: lowest ${lowest.score} (${lowest.path}${lowest.signedIn ? ", signed in" : ""})`,
  );
}

// `npx tsx --conditions=react-server scripts/bench-lighthouse.ts` runs this part alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  runLighthouseBench()
    .then(printLighthouseFigures)
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
