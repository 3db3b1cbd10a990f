// Malformed requests to a production server: nothing answers 500, and every answer carries a Content-Security-Policy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, seededDatabase, startServer } from "@/scripts/server-process";

let dir: string;
let server: ServerProcess;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-malformed-"));
  const { url } = await seededDatabase(path.join(dir, "db.db"), 0);
  server = await startServer(url);
});
afterAll(async () => {
  await server?.stop("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

const PATHS = [
  "/",
  "/events",
  "/events/musk-trump-x-spaces-2024",
  "/events/%E0%A4%A",
  "/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023",
  "/compare?events=%E0%A4%A",
  "/signin?next=%E0%A4%A",
  "/admin",
  "/favicon.ico",
  "/favicon.ico-x",
  "/schema-x",
  "/_next/static/nope.js",
  "/_next/image-x",
  "/api/events",
  "/api/events/%E0%A4%A",
  "/api/nope",
  "/api/health",
];

const HEADERS: Record<string, string>[] = [
  {},
  { Cookie: "deadair_session=%E0%A4%A" },
  { Cookie: 'deadair_session="unterminated; other=%%' },
  { Cookie: "=; ;;; deadair_session" },
  { Origin: "not a url", "Sec-Fetch-Site": "garbage" },
  { Authorization: "Bearer" },
  { Authorization: "Basic dXNlcjpwYXNz" },
  { "Accept-Language": ";;;,,q=x" },
  { "If-Modified-Since": "not a date", "If-None-Match": '"' },
  { Range: "bytes=oops" },
  { "X-Forwarded-Proto": "https, ftp", "X-Forwarded-Host": "::::" },
];

describe("malformed requests", () => {
  it("never answer 500 and always carry a Content-Security-Policy, on pages, files and the API", async () => {
    const failures: string[] = [];
    for (const p of PATHS) {
      for (const headers of HEADERS) {
        const response = await fetch(`${server.url}${p}`, { headers, redirect: "manual" });
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`${response.status} GET ${p} ${JSON.stringify(headers)}`);
        if (!response.headers.get("content-security-policy")) failures.push(`no CSP on GET ${p} ${JSON.stringify(headers)} (${response.status})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("never answer 500 to writes with a malformed cookie, origin, type or body", async () => {
    const failures: string[] = [];
    const writes: RequestInit[] = [
      { method: "POST", headers: { Cookie: "deadair_session=%E0%A4%A", "Content-Type": "application/json" }, body: "{}" },
      { method: "POST", headers: { Cookie: "deadair_session=%E0%A4%A", Origin: "::::" }, body: "{}" },
      { method: "POST", headers: { "Content-Type": ";;;" }, body: "{" },
      { method: "PATCH", headers: { Authorization: "Bearer da_%%%", "Content-Type": "application/json" }, body: "[]" },
    ];
    for (const p of ["/api/events", "/api/events/musk-trump-x-spaces-2024", "/api/session", "/api/import"]) {
      for (const init of writes) {
        const response = await fetch(`${server.url}${p}`, init);
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`${response.status} ${init.method} ${p} ${JSON.stringify(init.headers)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
