// The CSV for spreadsheets (?format=csv&bom=1): the plain export after a UTF-8 byte-order mark, named as such,
// from every export route; and the import takes it as it takes the plain file.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as compareExport } from "@/app/api/compare/route";
import { GET as eventExport } from "@/app/api/events/[slug]/export/route";
import { GET as exportAll } from "@/app/api/export/route";
import { POST as importRoute } from "@/app/api/import/route";
import { seedDatabase } from "@/lib/data/seed";
import { getDb } from "@/lib/db";
import { BASE, snapshotDb, writeRequest } from "./api-helpers";
import { switchToNewDatabase } from "./own-database";

const BOTH = "musk-trump-x-spaces-2024,desantis-twitter-spaces-2023";
const BOM = [0xef, 0xbb, 0xbf];
const compare = (query: string) => compareExport(new Request(`${BASE}/api/compare?events=${BOTH}&${query}`));
const importOf = (body: Uint8Array<ArrayBuffer> | string, preview = false) =>
  importRoute(writeRequest(`${BASE}/api/import${preview ? "?preview=1" : ""}`, { method: "POST", headers: { "Content-Type": "text/csv" }, body }));
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

beforeAll(async () => {
  await seedDatabase();
});

describe("the CSV for Excel", () => {
  it("is the plain CSV after a UTF-8 byte-order mark, as text/csv, with a file name that says so", async () => {
    const plain = await bytesOf(await compare("format=csv"));
    const response = await compare("format=csv&bom=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="deadair-musk-trump-x-spaces-2024_desantis-twitter-spaces-2023-\d{4}-\d{2}-\d{2}-excel\.csv"$/,
    );
    const excel = await bytesOf(response);
    expect([...excel.subarray(0, 3)]).toEqual(BOM);
    expect([...plain.subarray(0, 3)]).not.toEqual(BOM);
    expect(Buffer.from(excel.subarray(3)).equals(Buffer.from(plain))).toBe(true);
    // The press review's French is written in UTF-8 after the mark, which is what tells Excel to read it so.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(excel);
    expect(text.startsWith("\uFEFFevent_slug,")).toBe(true);
    expect(text).toContain("les échanges ne démarrent que quarante-deux minutes plus tard");
  });

  it("comes from each export route, and bom=0 or false is the plain file", async () => {
    const one = await eventExport(new Request(`${BASE}/api/events/desantis-twitter-spaces-2023/export?format=csv&bom=true`), {
      params: Promise.resolve({ slug: "desantis-twitter-spaces-2023" }),
    });
    expect(one.headers.get("content-disposition")).toMatch(/-excel\.csv"$/);
    expect([...(await bytesOf(one)).subarray(0, 3)]).toEqual(BOM);
    const all = await exportAll(new Request(`${BASE}/api/export?format=csv&bom=1`));
    expect(all.headers.get("content-disposition")).toMatch(/^attachment; filename="deadair-all-events-\d{4}-\d{2}-\d{2}-excel\.csv"$/);
    expect([...(await bytesOf(all)).subarray(0, 3)]).toEqual(BOM);
    for (const off of ["0", "false"]) {
      const plain = await compare(`format=csv&bom=${off}`);
      expect(plain.headers.get("content-disposition")).not.toMatch(/excel/);
      expect([...(await bytesOf(plain)).subarray(0, 3)]).not.toEqual(BOM);
    }
  });

  it("refuses a bom that is neither 1 nor 0, and a bom on JSON, naming bom", async () => {
    for (const query of ["format=csv&bom=yes", "format=json&bom=1", "bom=1"]) {
      const response = await compare(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/problem\+json/);
      expect((await response.json()).errors.bom, query).toBeDefined();
    }
  });
});

describe("an import of the CSV for Excel", () => {
  it("previews nothing to change over the database it came from", async () => {
    const excel = await bytesOf(await compare("format=csv&bom=1"));
    const before = await snapshotDb();
    const preview = await importOf(excel, true);
    expect(preview.status).toBe(200);
    expect((await preview.json()).summary.changes).toEqual([]);
    expect(await snapshotDb()).toEqual(before);
  });

  it("round-trips into an empty database: the plain CSV exported afterwards is the file without its mark", async () => {
    const plain = await (await compare("format=csv")).text();
    const excel = await bytesOf(await compare("format=csv&bom=1"));
    const restore = await switchToNewDatabase();
    try {
      const applied = await importOf(excel);
      expect(applied.status, await applied.clone().text()).toBe(200);
      expect(await getDb().event.count()).toBe(2);
      expect(await (await compare("format=csv")).text()).toBe(plain);
    } finally {
      await restore();
    }
  });

  it("is read the same when the mark comes as a character of the text sent", async () => {
    const plain = await (await compare("format=csv")).text();
    const preview = await importOf(`\uFEFF${plain}`, true);
    expect(preview.status).toBe(200);
    expect((await preview.json()).summary.changes).toEqual([]);
  });
});
