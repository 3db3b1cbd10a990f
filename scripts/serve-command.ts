// How every script starts Dead Air's server (scripts/serve.ts): its arguments, and a child process that stops when
// the script that started it dies, however it dies.
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import fs from "node:fs";

export function serveArgs(options: { port: string | number; host?: string; dev?: boolean; nodeFlags?: string[] }): string[] {
  return [
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
