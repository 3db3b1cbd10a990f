// `npm run test:postgres [-- vitest arguments]`: the unit and integration tests with the integration tests on
// PostgreSQL (a database per test file on DEADAIR_TEST_POSTGRES_URL's server, default postgres on 127.0.0.1:5432).
import { spawnSync } from "node:child_process";
import path from "node:path";

const vitest = path.join("node_modules", "vitest", "vitest.mjs");
const result = spawnSync(process.execPath, [vitest, "run", "--project", "unit", "--project", "integration", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, DEADAIR_TEST_BACKEND: "postgres" },
});
process.exit(result.status ?? 1);
