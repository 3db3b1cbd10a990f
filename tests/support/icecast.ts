// Test harness: a real Icecast server on loopback, ffmpeg sources that feed it, and HTTP listeners, all torn down by the caller or at exit.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface IcecastServer {
  port: number;
  url: string;
  sourcePassword: string;
  adminPassword: string;
  dir: string;
  stop(): Promise<void>;
}

export interface SourceProcess {
  process: ChildProcess;
  startedAt: number;
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

interface StatusSource {
  listenurl?: string;
  listeners?: number;
}

// A failing test may never reach its stop(): what is still running is killed, and its temp dir removed, when the test process
// ends, so no icecast2 or ffmpeg outlives it.
const running = new Set<ChildProcess>();
const dirs = new Set<string>();
const cleanUp = () => {
  for (const child of running) child.kill("SIGKILL");
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A dir that cannot go now is left to the OS's cleaning of its temp dir; the processes matter more.
    }
  }
};
process.on("exit", cleanUp);
// Vitest stops its fork workers with SIGTERM, on which Node ends without emitting "exit"; the signal is re-raised unless
// someone else listens for it, so that the process still ends as it would have.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
  process.once(signal, () => {
    cleanUp();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A port on 127.0.0.1 that was free a moment ago (the OS picks it, then it is released for the caller). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns a tracked child whose output is kept for error messages; `exited` settles even when the spawn itself fails. */
function launch(command: string, args: string[]) {
  const child = spawn(command, args, { detached: false, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      output += `${error.message}\n`;
      resolve(null);
    });
  }).finally(() => running.delete(child));
  return { child, exited, output: () => output.trim() };
}

/** SIGTERM, then SIGKILL if the child is still there after 3 s; resolves once it has exited. */
async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

/** GET `url` as JSON; rejects on a non-200 answer, a body that is not JSON, or no answer within 2 s. */
async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** A mount's entry in /status-json.xsl, which lists one source as an object, several as an array, and none as no key at all. */
async function findMount(server: Pick<IcecastServer, "url">, mount: string): Promise<StatusSource | undefined> {
  const status = (await getJson(`${server.url}/status-json.xsl`)) as { icestats?: { source?: StatusSource | StatusSource[] } };
  const sources = [status.icestats?.source ?? []].flat();
  return sources.find((source) => source.listenurl !== undefined && new URL(source.listenurl).pathname === mount);
}

/** Polls `check` every 100 ms until it returns a value, the child exits, or `timeoutMs` passes. */
async function waitFor<T>(check: () => Promise<T | undefined>, exited: Promise<number | null>, timeoutMs: number): Promise<T> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (gone) throw new Error("the process exited");
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** Starts icecast2 on a free loopback port with a config of its own in a fresh temp dir. */
export async function startIcecast(options: { sourcePassword?: string; burstSize?: number; sources?: number } = {}): Promise<IcecastServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "deadair-icecast-"));
  dirs.add(dir);
  const logdir = path.join(dir, "log");
  await mkdir(logdir);
  const port = await freeTcpPort();
  const sourcePassword = options.sourcePassword ?? randomBytes(12).toString("hex");
  const adminPassword = randomBytes(12).toString("hex");
  // icecast2 refuses to run as root; it must drop to an unprivileged user, which then writes the logs and pidfile.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await chmod(dir, 0o777);
    await chmod(logdir, 0o777);
  }
  const config = `<icecast>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>${port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <limits><clients>100</clients><sources>${options.sources ?? 10}</sources><burst-size>${options.burstSize ?? 65535}</burst-size></limits>
  <authentication>
    <source-password>${xml(sourcePassword)}</source-password>
    <relay-password>${randomBytes(12).toString("hex")}</relay-password>
    <admin-user>admin</admin-user><admin-password>${adminPassword}</admin-password>
  </authentication>
  <fileserve>1</fileserve>
  <paths>
    <logdir>${xml(logdir)}</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
    <pidfile>${xml(path.join(dir, "icecast.pid"))}</pidfile>
  </paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel></logging>
  ${asRoot ? "<security><chroot>0</chroot><changeowner><user>nobody</user><group>nogroup</group></changeowner></security>" : ""}
</icecast>
`;
  const configPath = path.join(dir, "icecast.xml");
  await writeFile(configPath, config);
  const { child, exited, output } = launch("icecast2", ["-c", configPath]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await terminate(child, exited);
    await rm(dir, { recursive: true, force: true });
    dirs.delete(dir);
  };
  try {
    await waitFor(() => getJson(`${url}/status-json.xsl`), exited, 10_000);
  } catch (error) {
    const errorLog = await readFile(path.join(logdir, "error.log"), "utf8").catch(() => "(no error log)");
    await stop();
    throw new Error(`icecast2 did not start: ${(error as Error).message}\n--- error.log\n${errorLog}\n--- output\n${output()}`);
  }
  return { port, url, sourcePassword, adminPassword, dir, stop };
}

/**
 * Streams an ffmpeg lavfi graph as MP3 to `mount`, or an MP3 file looped as it is (no encoding: a benchmark's sources
 * then cost next to nothing); resolves once Icecast lists the mount.
 */
export async function startSource(
  server: IcecastServer,
  options: { mount: string; bitrate?: string; durationSeconds?: number } & ({ filter: string } | { file: string }),
): Promise<SourceProcess> {
  const target = `icecast://source:${encodeURIComponent(server.sourcePassword)}@127.0.0.1:${server.port}${options.mount}`;
  const duration = options.durationSeconds === undefined ? [] : ["-t", String(options.durationSeconds)];
  const input =
    "file" in options
      ? ["-re", "-stream_loop", "-1", "-i", options.file, ...duration, "-c:a", "copy"]
      : ["-re", "-f", "lavfi", "-i", options.filter, ...duration, "-c:a", "libmp3lame", "-b:a", options.bitrate ?? "128k"];
  const { child, exited, output } = launch("ffmpeg", [
    ...["-hide_banner", "-nostdin", "-loglevel", "error", ...input],
    ...["-content_type", "audio/mpeg", "-f", "mp3", target],
  ]);
  const stop = () => terminate(child, exited);
  try {
    await waitFor(() => findMount(server, options.mount), exited, 10_000);
  } catch (error) {
    await stop();
    throw new Error(`ffmpeg did not bring up ${options.mount}: ${(error as Error).message}\n${output()}`);
  }
  return { process: child, startedAt: Date.now(), stop, exited };
}

/** Opens `count` listeners on a stream URL; resolves once each has a 200 and then drains their bodies until close(). */
export async function connectListeners(url: string, count: number): Promise<{ close(): Promise<void> }> {
  const requests: { request: http.ClientRequest; closed: Promise<void> }[] = [];
  const close = async () => {
    for (const { request } of requests) request.destroy();
    await Promise.all(requests.map(({ closed }) => closed));
  };
  const connect = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(url, { agent: false }, (response) => {
        response.on("error", () => {});
        response.resume();
        if (response.statusCode === 200) resolve();
        else reject(new Error(`${url} answered ${response.statusCode} to a listener`));
      });
      // Errors after the 200 (the server closing the stream) are the test's business, not an unhandled crash.
      request.on("error", reject);
      requests.push({ request, closed: new Promise((done) => request.once("close", () => done())) });
    });
  try {
    await Promise.all(Array.from({ length: count }, connect));
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}

/** The listeners Icecast reports on `mount`, or null when the mount is not up. */
export async function listenerCount(server: Pick<IcecastServer, "url">, mount: string): Promise<number | null> {
  const source = await findMount(server, mount);
  return source === undefined ? null : Number(source.listeners ?? 0);
}
