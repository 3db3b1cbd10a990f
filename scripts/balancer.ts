// HAProxy (Debian's) in front of several app servers, for the multi-server test and the benchmark: round robin,
// health checks on /api/health as a deployment's balancer would make them, and the serving server's name on each
// answer (X-Dead-Air-Server), so that a client can tell which server it reached.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, type ServerProcess } from "./server-process";

export interface Balancer {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => void;
}

/** The configuration: also what the README's deployment section shows. */
export function haproxyConfig(port: number, servers: string[]): string {
  return `global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # A request that could not reach a server is sent to another; one that reached it is never sent twice.
  retries 2
  option redispatch
  retry-on conn-failure
frontend dead_air
  bind 127.0.0.1:${port}
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
  http-response set-header X-Dead-Air-Server %s
${servers.map((host, i) => `  server app${i + 1} ${host} check`).join("\n")}
`;
}

/** Starts HAProxy on a free port of 127.0.0.1, its configuration written into `dir`; throws when it is missing. */
export function startBalancer(servers: ServerProcess[], dir: string): Balancer {
  try {
    execFileSync("haproxy", ["-v"], { stdio: "ignore" });
  } catch {
    throw new Error("HAProxy is missing (apt-get install haproxy)");
  }
  const port = freePort();
  const file = path.join(dir, "haproxy.cfg");
  fs.writeFileSync(
    file,
    haproxyConfig(
      port,
      servers.map((s) => new URL(s.url).host),
    ),
  );
  const child = spawn("haproxy", ["-f", file, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, stop: () => void child.kill("SIGKILL") };
}

/** Resolves once the balancer has answered from every one of its `count` servers. */
export async function everyServerUp(balancer: Balancer, count: number, timeoutMs = 30_000): Promise<void> {
  const seen = new Set<string>();
  const deadline = Date.now() + timeoutMs;
  while (seen.size < count) {
    if (Date.now() > deadline)
      throw new Error(`HAProxy answered from ${seen.size} of ${count} servers within ${timeoutMs / 1000} s:\n${balancer.output()}`);
    const response = await fetch(`${balancer.url}/api/health`).catch(() => null);
    if (response?.status === 200) seen.add(response.headers.get("x-dead-air-server") ?? "");
    await new Promise((r) => setTimeout(r, 100));
  }
}
