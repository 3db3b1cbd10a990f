// Prisma CLI configuration for PostgreSQL's derived schema: the JavaScript engine over node-postgres (no native
// engine can be downloaded here). Used to generate its client; its migrations are written by scripts/postgres-schema.mjs.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://127.0.0.1:5432/postgres";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Relative to this file.
  schema: "schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
