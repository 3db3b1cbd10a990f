import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/postgres/client";
const url = "postgresql://postgres@127.0.0.1:5432/deadair_mb";
async function main() {
  const admin = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS deadair_mb');
  await admin.query('CREATE DATABASE deadair_mb');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE TABLE "T" ("id" serial primary key, "slug" text unique, "n" int, "at" timestamp(3))');
  await c.query(`INSERT INTO "T" ("slug","n","at") SELECT 's'||g, g, now() FROM generate_series(1,5000) g`);
  const N = 3000;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < N; i++) await tx.$queryRawUnsafe('SELECT * FROM "T" WHERE "slug" = $1', `s${i}`);
    }, { timeout: 120000 });
    const p = performance.now() - t;
    t = performance.now();
    await c.query("BEGIN");
    for (let i = 0; i < N; i++) await c.query('SELECT * FROM "T" WHERE "slug" = $1', [`s${i}`]);
    await c.query("COMMIT");
    const r = performance.now() - t;
    t = performance.now();
    await c.query("BEGIN");
    for (let i = 0; i < N; i++) await c.query({ name: "q1", text: 'SELECT * FROM "T" WHERE "slug" = $1', values: [`s${i}`] });
    await c.query("COMMIT");
    const rp = performance.now() - t;
    console.log(`per query: prisma raw ${(p / N * 1000).toFixed(0)} µs, pg ${(r / N * 1000).toFixed(0)} µs, pg prepared ${(rp / N * 1000).toFixed(0)} µs`);
  }
  await prisma.$disconnect(); await c.end();
  await admin.query('DROP DATABASE deadair_mb WITH (FORCE)'); await admin.end();
}
main();
