// End-to-end tests in Chromium against `next build` + `next start` on a temporary database (SQLite, or PostgreSQL with
// DEADAIR_TEST_BACKEND=postgres) and a free port.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, systemChromium } from "./scripts/chromium";
import { newPostgresUrl, onPostgresTests } from "./tests/backend";
import { E2E_ADMIN, signedInState } from "./tests/e2e/accounts";

/** E2E_CHROMIUM, else Playwright's own Chromium when installed, else Debian's; otherwise stop with one line saying how to get one. */
function browserExecutable(): string | undefined {
  if (process.env.E2E_CHROMIUM) return process.env.E2E_CHROMIUM;
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    // No browser of Playwright's own: fall through to the system's.
  }
  const system = systemChromium();
  if (system) return system;
  console.error('No browser for the end-to-end tests: run "sudo apt-get install chromium" (or "npx playwright install chromium").');
  process.exit(1);
}

// The config is read again in every worker; the environment carries the main process's choices to them.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
process.env.E2E_DATABASE_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "deadair-e2e-"));
// DEADAIR_TEST_BACKEND=postgres (npm run test:postgres): a new PostgreSQL database, made by scripts/e2e-server.ts and
// dropped by it when the server stops.
if (onPostgresTests) process.env.E2E_DATABASE_URL ??= newPostgresUrl("deadair_e2e");
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const SIGNED_IN_STATE = signedInState();
const executablePath = browserExecutable();

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  globalTeardown: "./tests/e2e/teardown.ts",
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: "sign-in",
      testMatch: /sign-in\.setup\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: CHROMIUM_ARGS } },
    },
    {
      name: "chromium",
      dependencies: ["sign-in"],
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath, args: CHROMIUM_ARGS }, storageState: SIGNED_IN_STATE },
    },
  ],
  webServer: {
    command: "npx tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PORT: process.env.E2E_PORT,
      HOST: "127.0.0.1",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${path.join(process.env.E2E_DATABASE_DIR, "e2e.db")}`,
      NEXT_TELEMETRY_DISABLED: "1",
      DEADAIR_ADMIN_EMAIL: E2E_ADMIN.email,
      DEADAIR_ADMIN_PASSWORD: E2E_ADMIN.password,
      // The live spec's webhook receiver listens on 127.0.0.1.
      DEADAIR_ALLOW_PRIVATE_TARGETS: "1",
    },
  },
});
