import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";

const original = process.env.DATABASE_URL;
afterEach(() => {
  process.env.DATABASE_URL = original;
});

describe("GET /api/health", () => {
  it("answers 200 with the database reachable", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: { reachable: true, events: 0 } });
  });

  it("answers 503 when the database cannot be reached", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "deadair-health-")), "not-a-db.db");
    fs.writeFileSync(file, "this is not a SQLite database, only text that is long enough to have a header");
    process.env.DATABASE_URL = `file:${file}`;
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("unavailable");
    expect(body.database.reachable).toBe(false);
  });
});
