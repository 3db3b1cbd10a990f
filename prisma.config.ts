// Prisma CLI configuration: the JavaScript schema engine over better-sqlite3, so no native engine is downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createSqliteAdapter, DEFAULT_DATABASE_URL } from "./lib/sqlite";

// prisma.config.ts skips .env loading; the schema's env("DATABASE_URL") still needs a value.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return createSqliteAdapter(process.env.DATABASE_URL!);
  },
});
