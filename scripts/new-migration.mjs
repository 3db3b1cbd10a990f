// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the migrations and the schema,
// and PostgreSQL's own from the same change (scripts/postgres-schema.mjs). `prisma migrate dev` needs a native engine
// that cannot be downloaded here, so migrations are written this way.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (for example: npm run db:migration -- add_event_notes)");
  process.exit(2);
}
const dir = "prisma/migrations";
const from = fs.existsSync(dir) && fs.readdirSync(dir).some((d) => /^\d{14}_/.test(d)) ? ["--from-migrations", dir] : ["--from-empty"];
const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|PRAGMA)\b/i.test(sql)) {
  console.log("The schema and the migrations agree: no migration written.");
  execFileSync(process.execPath, ["scripts/postgres-schema.mjs", "migration", name], { stdio: "inherit" });
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
fs.mkdirSync(target, { recursive: true });
fs.writeFileSync(path.join(target, "migration.sql"), sql);
if (!fs.existsSync(path.join(dir, "migration_lock.toml"))) {
  fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "sqlite"\n');
}
console.log(`Wrote ${path.join(target, "migration.sql")}. Review it, then commit it with the schema.`);
execFileSync(process.execPath, ["scripts/postgres-schema.mjs", "migration", name], { stdio: "inherit" });
