// How every script starts Dead Air's server (scripts/serve.ts): its arguments, and a child process that stops when
// the script that started it dies, however it dies.
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import fs from "node:fs";

/**
 * V8's young generation, capped at 8 MB a half: Node 24 lets it grow to 64 MB a half, and every page of it the
 * allocator has walked through stays resident (an idle server at 200 MB, 320 MB during the whole-database export).
 * At 8 MB: 203 MB at the export's peak, writes as fast, and their p99 at 10 connections 41 ms instead of about
 * 200 (fewer long scavenges). Measured with `npm run bench` (README, Speed).
 */
const V8_FLAGS = ["--max-semi-space-size=8"];

export function serveArgs(options: { port: string | number; host?: string; dev?: boolean; nodeFlags?: string[] }): string[] {
  return [
    ...V8_FLAGS,
    ...(options.nodeFlags ?? []),
    "--import",
    "tsx",
    "scripts/serve.ts",
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
