// The production server counts sign-in failures by the socket's address (or the hop a trusted proxy added): a client
// that writes X-Forwarded-For cannot pass for someone new on every attempt.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, seededDatabase, startServer } from "@/scripts/server-process";

const ADMIN = { DEADAIR_ADMIN_EMAIL: "chief@example.org", DEADAIR_ADMIN_PASSWORD: "a long enough password" };

let dir: string;
let server: ServerProcess | null = null;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-address-"));
});
afterEach(async () => {
  await server?.stop("SIGKILL");
  server = null;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function signIn(base: string, password: string, headers: Record<string, string>) {
  return fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ email: ADMIN.DEADAIR_ADMIN_EMAIL, password }),
  });
}

describe("the address sign-in limits count", () => {
  it("is the socket's when no proxy is trusted: a new X-Forwarded-For on each attempt changes nothing", async () => {
    const { url } = await seededDatabase(path.join(dir, "direct.db"), 0);
    server = await startServer(url, ADMIN);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(server.url, "wrong", { "X-Forwarded-For": `198.51.100.${i}`, "X-Real-IP": `203.0.113.${i}` })).status).toBe(401);
    }
    const limited = await signIn(server.url, ADMIN.DEADAIR_ADMIN_PASSWORD, { "X-Forwarded-For": "192.0.2.77" });
    expect(limited.status).toBe(429);
  });

  it("is the hop the trusted proxy added, not what the client wrote before it", async () => {
    const { url } = await seededDatabase(path.join(dir, "proxied.db"), 0);
    server = await startServer(url, { ...ADMIN, DEADAIR_TRUSTED_PROXIES: "1" });
    // The client wrote a new address each time; the proxy appended the one it saw, 198.51.100.7.
    for (let i = 0; i < 5; i++) expect((await signIn(server.url, "wrong", { "X-Forwarded-For": `6.6.6.${i}, 198.51.100.7` })).status).toBe(401);
    expect((await signIn(server.url, ADMIN.DEADAIR_ADMIN_PASSWORD, { "X-Forwarded-For": "6.6.6.99, 198.51.100.7" })).status).toBe(429);
    // Someone else behind the same proxy signs in.
    expect((await signIn(server.url, ADMIN.DEADAIR_ADMIN_PASSWORD, { "X-Forwarded-For": "198.51.100.8" })).status).toBe(200);
    // The trusted proxy ended TLS and says so: HSTS on pages, the __Host- session cookie.
    const page = await fetch(`${server.url}/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    const https = await signIn(server.url, ADMIN.DEADAIR_ADMIN_PASSWORD, { "X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https" });
    expect(https.headers.get("set-cookie")).toMatch(/^__Host-deadair_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
  });

  it("does not believe a client's own X-Forwarded-Proto when no proxy is trusted", async () => {
    const { url } = await seededDatabase(path.join(dir, "claimed.db"), 0);
    server = await startServer(url, ADMIN);
    const page = await fetch(`${server.url}/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers.get("strict-transport-security")).toBeNull();
    const signedIn = await signIn(server.url, ADMIN.DEADAIR_ADMIN_PASSWORD, { "X-Forwarded-Proto": "https" });
    expect(signedIn.headers.get("set-cookie")).toMatch(/^deadair_session=/);
  });
});
