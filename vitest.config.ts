// Vitest: unit tests of pure modules, integration tests against a fresh SQLite file per test file, and tests of a
// production server process (crashes, stops, backups).
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run server modules in plain Node; Next resolves "server-only" to this same empty module on the server.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      // Unit and integration tests run in a shuffled order (the seed is printed: --sequence.seed=N repeats a run), so
      // that a test leaning on another's leftovers fails in CI rather than one day by surprise.
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node", sequence: { shuffle: true } } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/integration/setup.ts"],
          sequence: { shuffle: true },
          // The route handlers are called with requests to http://localhost; permalinks are written on that origin.
          env: { DEADAIR_PUBLIC_URL: "http://localhost" },
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // Monitors against real streams: icecast2 and ffmpeg, started and stopped by each test file.
          name: "monitor",
          include: ["tests/monitor/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          environment: "node",
          // A production build, made once when it is missing or older than the sources.
          globalSetup: ["tests/server/build.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The PostgreSQL backend (issue 20) on the local server: a database per test file, made and dropped.
          name: "postgres",
          include: ["tests/postgres/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/postgres/setup.ts"],
          env: { DEADAIR_PUBLIC_URL: "http://localhost" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
