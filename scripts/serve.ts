// Dead Air's HTTP server: Next's request handler behind a node:http server that writes the client's address and
// scheme from the socket (and the trusted proxies' hops) before Next sees the request, and stops gracefully.
import http from "node:http";
import type { Socket } from "node:net";
import { parseArgs } from "node:util";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddressOf, trustedProxyCount } from "../lib/http/client";
import { runShutdownHooks } from "../lib/shutdown";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" }, dev: { type: "boolean" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOST ?? "127.0.0.1";
const dev = values.dev ?? false;

let trusted: number;
try {
  trusted = trustedProxyCount();
} catch (error) {
  console.error(`Dead Air: ${(error as Error).message}`);
  process.exit(1);
}

process.env.DEADAIR_SERVE = "1";
const app = next({ dev, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

/** Headers a client could write to pass for someone else; with no proxy trusted, only the socket speaks. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

function sanitise(request: http.IncomingMessage): void {
  const socket = request.socket as Socket & { encrypted?: boolean };
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
  if (trusted === 0) {
    for (const name of FORWARDING_HEADERS) delete request.headers[name];
    request.headers["x-forwarded-proto"] = socket.encrypted ? "https" : "http";
  }
}

/** A path whose percent-encoding is broken names nothing here; Next would fail on it with a 500. */
function readablePath(url: string | undefined): boolean {
  try {
    decodeURIComponent(new URL(url ?? "/", "http://dead.air").pathname);
    return true;
  } catch {
    return false;
  }
}

const server = http.createServer((request, response) => {
  if (!readablePath(request.url)) {
    response.writeHead(400, {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    });
    response.end("Bad request: the address is not validly percent-encoded.\n");
    return;
  }
  sanitise(request);
  void handle(request, response);
});
// Upgrades (dev mode's hot reload) carry the same sanitised headers.
server.on("upgrade", (request: http.IncomingMessage) => sanitise(request));

server.listen(port, hostname, () => {
  console.log(`Dead Air: serving on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}${dev ? " (dev)" : ""}`);
});

// A stop lets the requests in flight finish and the monitor worker stop its ffmpeg processes and store what they
// measured (the database closes on exit, which checkpoints its WAL), then exits with the signal's usual code.
for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
] as const) {
  process.once(signal, () => {
    let pending = 2;
    const done = () => --pending === 0 && process.exit(code);
    server.close(done);
    server.closeIdleConnections();
    void runShutdownHooks().then(done);
    // A client that keeps a connection open for ever does not keep Dead Air running for ever.
    setTimeout(() => process.exit(code), 10_000).unref();
  });
}
