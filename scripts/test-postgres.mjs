// `npm run test:postgres [-- vitest arguments]`: the unit, integration and end-to-end tests again, on PostgreSQL: each
// integration test file, and the end-to-end run, on a database of its own, made and dropped on the server
// DEADAIR_TEST_POSTGRES_URL names (default: postgres on 127.0.0.1:5432). Vitest's arguments apply to the first part;
// E2E=0 leaves the end-to-end tests out.
import { spawnSync } from "node:child_process";
import path from "node:path";

const env = { ...process.env, DEADAIR_TEST_BACKEND: "postgres" };
const run = (args) => spawnSync(process.execPath, args, { stdio: "inherit", env }).status ?? 1;

const vitest = path.join("node_modules", "vitest", "vitest.mjs");
const unit = run([vitest, "run", "--project", "unit", "--project", "integration", ...process.argv.slice(2)]);
if (unit !== 0 || process.env.E2E === "0") process.exit(unit);
process.exit(run([path.join("node_modules", "@playwright", "test", "cli.js"), "test"]));
