// How every script starts Dead Air's server (scripts/serve.ts): the arguments for `spawn(process.execPath, …)`.

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
