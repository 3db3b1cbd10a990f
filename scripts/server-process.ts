// A production server (scripts/serve.ts) on 127.0.0.1 and a free port, for the load script and the crash tests: start
// it on a database, wait until it answers, stop it with the signal the test wants.
import { type ChildProcess, execFileSync } from "node:child_process";
import { createApiToken } from "../lib/data/api-tokens";
import { seedDatabase } from "../lib/data/seed";
import { disconnectDb } from "../lib/db";
import { isPostgresUrl } from "../lib/postgres";
import { prepareDatabase } from "../lib/prepare";
import { systemActor } from "../lib/domain/actor";
import { serveArgs, spawnNode } from "./serve-command";

/** Whoever runs this from a shell on the server's machine acts as Dead Air itself. */
const CONSOLE = { actor: systemActor("console") };

/**
 * Makes `file` (or the empty PostgreSQL database of a `postgresql://` URL) a migrated, seeded database with `tokens`
 * write tokens (one per client, as separate programs would have), and lets go of it so that a server can open it.
 */
export async function seededDatabase(file: string, tokens: number): Promise<{ url: string; tokens: string[] }> {
  const url = isPostgresUrl(file) ? file : `file:${file}`;
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    await prepareDatabase(url);
    await seedDatabase();
    const made = await Promise.all(
      Array.from({ length: tokens }, (_, i) => createApiToken({ ctx: CONSOLE, input: { name: `client ${i}`, scope: "write" } })),
    );
    return { url, tokens: made.map((t) => t.token) };
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = previous;
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Output so far, for the message of a failed start. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function freePort(): number {
  return Number(
    execFileSync(process.execPath, [
      "-e",
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
    ]).toString(),
  );
}

/** Starts the production server (build it first: buildIfStale) and resolves once /api/health answers. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  // SERVER_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") passes flags to the server's Node.
  const nodeFlags = (process.env.SERVER_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = spawnNode(serveArgs({ port, nodeFlags, databaseUrl }), {
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`The server stopped before answering:\n${log}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer within ${timeoutMs / 1000} s:\n${log}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    exited,
    output: () => log,
    stop: (signal = "SIGTERM") => {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** A monitor worker in a process of its own (`npm run monitor`), on `DATABASE_URL` unless `env` names another. */
export function startWorkerProcess(env: Record<string, string> = {}): WorkerProcess {
  const child = spawnNode(["--conditions=react-server", "--import", "tsx", "scripts/monitor.ts"], {
    env: { ...process.env, DEADAIR_ALLOW_PRIVATE_TARGETS: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  return { child, exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))), output: () => log };
}
