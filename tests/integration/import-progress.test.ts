// A large import as the import page sends it: the route streams how far it has got, then its outcome, and the size
// limit is a setting (DEADAIR_IMPORT_MAX_MB) under which a 50 MB limit takes a file of several megabytes.
import { afterEach, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/import/route";
import { getDb } from "@/lib/db";
import { BASE, snapshotDb, writeRequest } from "./api-helpers";
import { onPostgresTests } from "../backend";
import { withOwnDatabase } from "./own-database";

withOwnDatabase({ each: true });

afterEach(() => {
  delete process.env.DEADAIR_IMPORT_MAX_MB;
});

/** An export of `events` events with six figures each, in Dead Air's JSON format, as a file made elsewhere would be. */
function exportFile(events: number, options: { quoted?: boolean } = {}): string {
  // Quoted: each figure carries a long quote and its English rendering, so that few figures weigh megabytes.
  const quoted = options.quoted ? { quote: "« ".padEnd(4_000, "mot "), quoteLang: "fr", quoteEnglish: "word ".repeat(800) } : {};
  const metrics = ["start_delay", "expected_audience", "average_audience", "peak_audience", "duration", "silence_before_failure"];
  return JSON.stringify({
    format: "deadair.comparison",
    version: 2,
    generatedAt: "2026-12-06T00:00:00.000Z",
    sources: [{ name: "Progress outlet", kind: "newspaper", leaning: null, homeUrl: "https://outlet.example.org" }],
    events: Array.from({ length: events }, (_, e) => ({
      slug: `progress-event-${e}`,
      title: `Progress event ${e}`,
      platform: "X Spaces",
      timeZone: "UTC",
      scheduledStart: new Date(Date.UTC(2021, 0, 1) + e * 3_600_000).toISOString(),
      status: "ended",
      reports: metrics.map((metric, i) => ({
        metric,
        value: metric.endsWith("audience") ? 1000 + e : i + 1,
        qualifier: "approximate",
        source: "Progress outlet",
        reportedOn: "2021-01-02",
        note: `Figure ${i} of event ${e}, with a note long enough to make the file weigh what a real one does.`,
        scope: "global",
        ...quoted,
      })),
      incidents: [],
      claims: [],
      moments: [],
    })),
  });
}

function send(body: string, options: { preview?: boolean; stream?: boolean } = {}) {
  return importRoute(
    writeRequest(`${BASE}/api/import${options.preview ? "?preview=1" : ""}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(options.stream ? { Accept: "application/x-ndjson" } : {}) },
      body,
    }),
  );
}

async function lines(response: Response): Promise<Record<string, unknown>[]> {
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("an import's progress", () => {
  it("streams the records checked, then what the preview would do, and changes nothing", async () => {
    const before = await snapshotDb();
    const response = await send(exportFile(300), { preview: true, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const all = await lines(response);
    const progress = all.filter((l) => l.type === "progress");
    expect(progress[0]).toEqual({ type: "progress", stage: "reading", done: 0, total: 0 });
    const checking = progress.filter((l) => l.stage === "checking");
    expect(checking.length).toBeGreaterThanOrEqual(1);
    // One source and 300 events of seven records each (the event and its six figures).
    expect(checking.at(-1)).toEqual({ type: "progress", stage: "checking", done: 2_101, total: 2_101 });
    const counts = checking.map((l) => l.done as number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(all.at(-1)).toMatchObject({ type: "result", applied: false, summary: { counts: { event: { create: 300 }, report: { create: 1_800 } } } });
    expect(await snapshotDb()).toEqual(before);
  });

  it("lets the server do other work while it checks, so that its progress goes out before its outcome", async () => {
    // Every statement on SQLite answers at once: an import that never gave the event loop a turn would hold the process
    // (every other request, and its own progress lines, which then reached the page only with the outcome).
    let turns = 0;
    const clock = setInterval(() => turns++, 5);
    try {
      const reader = (await send(exportFile(300), { preview: true, stream: true })).body!.pipeThrough(new TextDecoderStream()).getReader();
      const seen: { line: Record<string, unknown>; turns: number }[] = [];
      for (let text = ""; ;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        for (let end; (end = text.indexOf("\n")) >= 0; text = text.slice(end + 1)) seen.push({ line: JSON.parse(text.slice(0, end)), turns });
      }
      const firstCheck = seen.find((s) => s.line.stage === "checking")!;
      const outcome = seen.at(-1)!;
      expect(outcome.line.type).toBe("result");
      expect(outcome.turns).toBeGreaterThan(firstCheck.turns);
    } finally {
      clearInterval(clock);
    }
  });

  it("streams the records imported, then the outcome; a second import changes nothing", async () => {
    const file = exportFile(50);
    const all = await lines(await send(file, { stream: true }));
    expect(all.filter((l) => l.type === "progress").at(-1)).toMatchObject({ stage: "importing", done: 351, total: 351 });
    expect(all.at(-1)).toMatchObject({ type: "result", applied: true, summary: { counts: { event: { create: 50 }, report: { create: 300 } } } });
    const again = await lines(await send(file, { stream: true }));
    expect(again.at(-1)).toMatchObject({ type: "result", summary: { changes: [] } });
  });

  it("goes on to its end when the page that sent it goes away, and the file is imported whole", async () => {
    const response = await send(exportFile(200), { stream: true });
    const reader = response.body!.getReader();
    // The first line (reading), then the tab is closed.
    await reader.read();
    await reader.cancel();
    // The import finishes on its own: every figure of the file, all or nothing.
    let created = 0;
    for (let i = 0; i < 300 && created < 1_200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      created = await getDb().report.count({ where: { note: { startsWith: "Figure " } } });
    }
    expect(created).toBe(1_200);
  });

  it("ends the stream with the problem the route would answer, naming where, when the file is refused", async () => {
    const bad = exportFile(3).replace('"metric":"duration"', '"metric":"loudness"');
    const before = await snapshotDb();
    const all = await lines(await send(bad, { stream: true }));
    const problem = all.at(-1)!;
    expect(problem).toMatchObject({
      type: "problem",
      status: 400,
      title: "Invalid input",
      detail: "The file cannot be imported; nothing was changed.",
    });
    expect(Object.keys(problem.errors as object).some((k) => /^events\[0\]\.reports\[4\]\.metric$/.test(k))).toBe(true);
    expect(await snapshotDb()).toEqual(before);
  });
});

describe("the size limit", () => {
  it("is 5 MB unless set: a larger file is refused with 413 before it is read, naming the limit", async () => {
    const file = exportFile(6_000);
    expect(Buffer.byteLength(file)).toBeGreaterThan(5 * 1024 * 1024);
    const response = await send(file);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ detail: "The body is larger than 5 MB." });
  });

  it("takes DEADAIR_IMPORT_MAX_MB: at 50, a file of more than 5 MB imports whole", async () => {
    process.env.DEADAIR_IMPORT_MAX_MB = "50";
    // On PostgreSQL an import costs about 5 ms a record (README: imports are slow there), so 36,000 figures would
    // outlast a write's 120 s: there the megabytes come from quotes, on 120 events.
    const [events, options] = onPostgresTests ? [120, { quoted: true }] : [6_000, {}];
    const file = exportFile(events, options);
    expect(Buffer.byteLength(file)).toBeGreaterThan(5 * 1024 * 1024);
    const response = await send(file);
    const body = (await response.json()) as { summary: { counts: { report: { create: number } } } };
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.summary.counts.report.create).toBe(events * 6);
  }, 60_000);
});
