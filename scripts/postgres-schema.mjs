// PostgreSQL's schema and migrations, derived from prisma/schema.prisma (SQLite's, the one source of truth): the same
// models with `provider = "postgresql"`, written to prisma/postgres/schema.prisma, and a migration for each change,
// written offline by `prisma migrate diff` (the CLI's WebAssembly engine cannot introspect PostgreSQL 15, but writes
// its SQL without a database).
//
//   node scripts/postgres-schema.mjs derive          writes prisma/postgres/schema.prisma from the SQLite schema
//   node scripts/postgres-schema.mjs migration NAME  derives it, and writes the migration from the last one to it
//   node scripts/postgres-schema.mjs check           fails when the derived schema or its migrations are behind
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgres/schema.prisma";
const MIGRATIONS = "prisma/postgres/migrations";

/** The SQLite schema as PostgreSQL's: its provider, its client's folder, and a header saying where it comes from. */
export function deriveSchema(text) {
  const derived = text
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/prisma"/, 'output       = "../../lib/generated/postgres"')
    .replace(/^\/\/ Dead Air: .*$/m, "// Dead Air on PostgreSQL: derived from prisma/schema.prisma by scripts/postgres-schema.mjs; do not edit.");
  if (derived === text || !derived.includes('provider = "postgresql"') || !derived.includes("lib/generated/postgres")) {
    throw new Error(`${SOURCE} no longer has the provider or output lines this script rewrites.`);
  }
  return derived;
}

function prisma(args) {
  return execFileSync("npx", ["prisma", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The schema the PostgreSQL migrations add up to: the one recorded beside the last of them. */
function lastMigratedSchema() {
  if (!fs.existsSync(MIGRATIONS)) return null;
  const last = fs
    .readdirSync(MIGRATIONS)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()
    .at(-1);
  return last ? path.join(MIGRATIONS, last, "schema.prisma") : null;
}

function derive() {
  const derived = deriveSchema(fs.readFileSync(SOURCE, "utf8"));
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, derived);
  return derived;
}

/** The SQL from `from` (a schema file, or nothing) to the derived schema; empty when they agree. */
function diff(from) {
  const sql = prisma([
    "migrate",
    "diff",
    ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
    "--to-schema-datamodel",
    TARGET,
    "--script",
  ]);
  return /\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/i.test(sql) ? sql : "";
}

function migration(name) {
  derive();
  const sql = diff(lastMigratedSchema());
  if (!sql) {
    console.log("PostgreSQL: the schema and its migrations agree; no migration written.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  // The schema this migration brings the database to: the next migration is the difference from it.
  fs.copyFileSync(TARGET, path.join(dir, "schema.prisma"));
  console.log(`PostgreSQL: wrote ${path.join(dir, "migration.sql")}.`);
}

function check() {
  const problems = [];
  const derived = deriveSchema(fs.readFileSync(SOURCE, "utf8"));
  if (!fs.existsSync(TARGET) || fs.readFileSync(TARGET, "utf8") !== derived) {
    problems.push(`${TARGET} is not derived from ${SOURCE}: run "npm run db:migration -- <name>".`);
  } else {
    const last = lastMigratedSchema();
    if (!last) problems.push(`${MIGRATIONS} holds no migration.`);
    else if (diff(last)) problems.push(`The PostgreSQL migrations stop short of ${TARGET}: run "npm run db:migration -- <name>".`);
  }
  for (const p of problems) console.error(`Drift: ${p}`);
  if (problems.length) process.exit(1);
  console.log("PostgreSQL: the derived schema and its migrations agree with prisma/schema.prisma.");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, name] = process.argv.slice(2);
  if (command === "derive") derive();
  else if (command === "migration" && /^[a-z0-9_]+$/.test(name ?? "")) migration(name);
  else if (command === "check") check();
  else {
    console.error("Usage: node scripts/postgres-schema.mjs derive | migration <name> | check");
    process.exit(2);
  }
}
