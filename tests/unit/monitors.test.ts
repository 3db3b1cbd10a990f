// The monitors' pure parts: when a monitor runs, JSON Pointers, the loudness meter's clock, HLS playlists, headers,
// and the answers of Icecast and the X API as the pollers read them.
import { describe, expect, it } from "vitest";
import { computeBackoffMs, monitorWindow, parseJsonPointer, readCount, resolveJsonPointer, shouldMonitorRun } from "@/lib/domain/monitors";
import { icecastStatusUrl, readIcecastListeners, readSpace, retryAt } from "@/lib/monitor/audience-probe";
import { parsePlaylist, pickVariant } from "@/lib/monitor/hls-playlist";
import { energyMean, LoudnessMeter, SILENCE_FLOOR_LUFS } from "@/lib/monitor/loudness-meter";
import { readHeaders, spacesLookupUrl } from "@/lib/validation/monitor";

const MIN = 60_000;
const T0 = Date.parse("2024-08-13T00:00:00Z");

describe("when a monitor runs", () => {
  const event = { status: "scheduled", scheduledStart: T0, endedAt: null };
  const auto = { mode: "auto", leadMinutes: 15, tailMinutes: 10, event };

  it("by itself, from its lead before the scheduled start to its tail after the end", () => {
    expect(monitorWindow(auto)).toEqual({ from: T0 - 15 * MIN, to: T0 + 12 * 60 * MIN + 10 * MIN });
    expect(monitorWindow({ ...auto, event: { ...event, endedAt: T0 + 120 * MIN } })).toEqual({ from: T0 - 15 * MIN, to: T0 + 130 * MIN });
    expect(shouldMonitorRun(auto, T0 - 16 * MIN)).toBe(false);
    expect(shouldMonitorRun(auto, T0 - 15 * MIN)).toBe(true);
    expect(shouldMonitorRun({ ...auto, event: { ...event, endedAt: T0 + 120 * MIN } }, T0 + 131 * MIN)).toBe(false);
  });

  it("whenever the event is marked live and not ended, even with no scheduled start; never when it is cancelled", () => {
    const live = { ...auto, event: { status: "live", scheduledStart: null, endedAt: null } };
    expect(monitorWindow(live)).toBeNull();
    expect(shouldMonitorRun(live, T0)).toBe(true);
    expect(shouldMonitorRun({ ...auto, event: { ...event, status: "cancelled" } }, T0)).toBe(false);
  });

  it("by hand: on and off whatever the window says", () => {
    expect(shouldMonitorRun({ ...auto, mode: "on" }, T0 - 365 * 24 * 60 * MIN)).toBe(true);
    expect(shouldMonitorRun({ ...auto, mode: "off" }, T0)).toBe(false);
  });

  it("reconnects after 1, 2, 4, 8, 16, then every 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(computeBackoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe("JSON Pointers (RFC 6901)", () => {
  const document = { data: { "a/b": 1, "m~n": 2, list: [10, 20] }, "": 3 };

  it("reads the specification's escapes and array indices", () => {
    expect(parseJsonPointer("")).toEqual([]);
    expect(parseJsonPointer("/data/a~1b")).toEqual(["data", "a/b"]);
    expect(resolveJsonPointer(document, parseJsonPointer("/data/m~0n")!)).toEqual({ found: true, value: 2 });
    expect(resolveJsonPointer(document, parseJsonPointer("/data/list/1")!)).toEqual({ found: true, value: 20 });
    expect(resolveJsonPointer(document, parseJsonPointer("/")!)).toEqual({ found: true, value: 3 });
    expect(resolveJsonPointer(document, parseJsonPointer("/data/list/01")!)).toEqual({ found: false });
    expect(resolveJsonPointer(document, parseJsonPointer("/data/list/-")!)).toEqual({ found: false });
    expect(resolveJsonPointer(document, parseJsonPointer("/data/toString")!)).toEqual({ found: false });
  });

  it("refuses what is not a pointer", () => {
    expect(parseJsonPointer("data")).toBeNull();
    expect(parseJsonPointer("/a~2")).toBeNull();
    expect(parseJsonPointer("/a~")).toBeNull();
  });

  it("takes a count only as a finite number from 0 up, and says why not in words", () => {
    expect(readCount({ n: 1234 }, "/n")).toEqual({ ok: true, count: 1234 });
    expect(readCount({ n: "1234" }, "/n")).toEqual({ ok: false, error: 'The value at /n is the string "1234", not a number.' });
    expect(readCount({ n: null }, "/n")).toEqual({ ok: false, error: "The value at /n is null, not a number." });
    expect(readCount({ n: { x: 1 } }, "/n")).toEqual({ ok: false, error: 'The value at /n is {"x":1}, not a number.' });
    expect(readCount({}, "/n")).toEqual({ ok: false, error: "The answer has nothing at /n." });
    expect(readCount({ n: -1 }, "/n")).toEqual({ ok: false, error: "The value at /n is -1: a count cannot be negative." });
  });
});

describe("the loudness meter", () => {
  /** ametadata's two lines for one reading. */
  const reading = (meter: LoudnessMeter, pts: number, lufs: number, wall: number) => {
    meter.push(`frame:${Math.round(pts * 10)} pts:${Math.round(pts * 44100)} pts_time:${pts}`, wall);
    meter.push(`lavfi.r128.M=${lufs}`, wall);
  };

  it("averages a second's readings in energy: half silence and half −20 LUFS reads about −23", () => {
    expect(energyMean([-20, -20, -20, -20, -20, -70, -70, -70, -70, -70])).toBeCloseTo(-23.01, 1);
    expect(energyMean([-120.691, -120.691])).toBeCloseTo(-120.691, 2);
    expect(energyMean([-Infinity])).toBe(SILENCE_FLOOR_LUFS);
  });

  it("places a burst of buffered sound at the instants it went out, not when it arrived", () => {
    const meter = new LoudnessMeter();
    const connect = Date.parse("2026-12-06T12:00:10.000Z");
    // Four seconds of the server's buffer arrive within 200 ms of connecting, then sound comes in real time.
    for (let i = 0; i < 40; i++) reading(meter, i / 10, -23, connect + i * 5);
    for (let i = 40; i < 80; i++) reading(meter, i / 10, -23, connect + (i - 40) * 100 + 20);
    const samples = meter.drain(connect + 10_000, true);
    expect(samples.map((s) => new Date(s.at).toISOString().slice(11, 19))).toEqual([
      "12:00:06",
      "12:00:07",
      "12:00:08",
      "12:00:09",
      "12:00:10",
      "12:00:11",
      "12:00:12",
      "12:00:13",
    ]);
    expect(samples.every((s) => s.lufs === -23)).toBe(true);
  });

  it("holds seconds back while a connection warms up, then hands each on as soon as it is complete", () => {
    const meter = new LoudnessMeter(1_000, 3_000);
    const start = 1_000_000;
    for (let i = 0; i <= 10; i++) reading(meter, i / 10, -30, start + i * 100);
    expect(meter.drain(start + 1_050)).toEqual([]);
    expect(meter.drain(start + 2_000)).toHaveLength(1);
    for (let i = 11; i <= 50; i++) reading(meter, i / 10, -30, start + i * 100);
    // Past the warm-up: the seconds closed so far come at once.
    expect(meter.drain(start + 5_000)).toHaveLength(4);
    expect(meter.heard).toBe(true);
  });

  it("ignores lines that are not readings, and reads -inf as ffmpeg's floor", () => {
    const meter = new LoudnessMeter(0, 0);
    meter.push("lavfi.r128.M=-20", 5); // no pts yet
    meter.push("[Parsed_ebur128_0 @ 0x1] Summary:", 5);
    reading(meter, 0, -Infinity, 1000);
    reading(meter, 1, -20, 2000);
    expect(meter.drain(3000, true).map((s) => s.lufs)).toEqual([SILENCE_FLOOR_LUFS, -20]);
  });
});

describe("HLS playlists", () => {
  it("picks the master playlist's variant of lowest bandwidth", () => {
    const master = parsePlaylist(
      '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1280000,CODECS="avc1,mp4a"\nhigh/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"\naudio/index.m3u8\n',
      "https://cdn.example.org/live/master.m3u8",
    );
    expect(master?.kind).toBe("master");
    expect(pickVariant(master?.kind === "master" ? master.variants : [])).toEqual({
      uri: "https://cdn.example.org/live/audio/index.m3u8",
      bandwidth: 64000,
    });
  });

  it("reads a media playlist's segments with their sequence numbers, its map, its end and its encryption", () => {
    const text =
      '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:120\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4.0,\nseg120.m4s\n#EXTINF:4.0,\nseg121.m4s\n#EXT-X-ENDLIST\n';
    const parsed = parsePlaylist(text, "https://cdn.example.org/a/index.m3u8");
    expect(parsed).toEqual({
      kind: "media",
      playlist: {
        targetDurationMs: 4000,
        mediaSequence: 120,
        segments: [
          { uri: "https://cdn.example.org/a/seg120.m4s", sequence: 120 },
          { uri: "https://cdn.example.org/a/seg121.m4s", sequence: 121 },
        ],
        map: "https://cdn.example.org/a/init.mp4",
        ended: true,
        encrypted: false,
      },
    });
    const locked = parsePlaylist('#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXTINF:4,\na.ts\n', "https://x.org/");
    expect(locked?.kind === "media" && locked.playlist.encrypted).toBe(true);
    expect(parsePlaylist("<html>", "https://x.org/")).toBeNull();
  });
});

describe("a monitor's headers and addresses", () => {
  it("reads headers as lines or an object, and never quotes a line back", () => {
    expect(readHeaders("X-Api-Key: abc\n\nAccept: application/json")).toEqual({
      ok: true,
      headers: { "X-Api-Key": "abc", Accept: "application/json" },
    });
    expect(readHeaders({ "X-Api-Key": "abc" })).toEqual({ ok: true, headers: { "X-Api-Key": "abc" } });
    const refused = readHeaders("X-Api-Key: ok\nsecret-value-without-a-name");
    expect(refused).toEqual({ ok: false, error: 'Headers must be one "Name: value" per line; line 2 has no name before a colon.' });
    expect(JSON.stringify(readHeaders({ "bad name": "secret-value" }))).not.toContain("secret");
    expect(readHeaders({ Connection: "close" })).toEqual({ ok: false, error: "The header Connection is set by Dead Air itself." });
    expect(readHeaders({ A: "1", a: "2" })).toEqual({ ok: false, error: "The header a is given twice." });
    expect(readHeaders({ A: 5 })).toEqual({ ok: false, error: "The value of the header A must be text." });
  });

  it("turns a Space's link into its X API v2 lookup, and keeps a lookup's own host", () => {
    expect(spacesLookupUrl("https://x.com/i/spaces/1YqKDqWqdPLGV")).toBe("https://api.x.com/2/spaces/1YqKDqWqdPLGV");
    expect(spacesLookupUrl("https://twitter.com/i/spaces/1YqKDqWqdPLGV/")).toBe("https://api.x.com/2/spaces/1YqKDqWqdPLGV");
    expect(spacesLookupUrl("http://127.0.0.1:9/2/spaces/abc")).toBe("http://127.0.0.1:9/2/spaces/abc");
    expect(spacesLookupUrl("https://x.com/elonmusk")).toBeNull();
  });
});

describe("what the pollers read", () => {
  it("finds one mount's listeners in Icecast's status, with one source (an object) or several (an array)", () => {
    const one = { icestats: { source: { listenurl: "http://127.0.0.1:8000/live", listeners: 4 } } };
    const several = {
      icestats: {
        source: [
          { listenurl: "http://h:8000/other", listeners: 1 },
          { listenurl: "http://h:8000/live", listeners: 9 },
        ],
      },
    };
    expect(readIcecastListeners(one, "/live")).toBe(4);
    expect(readIcecastListeners(several, "/live")).toBe(9);
    expect(() => readIcecastListeners({ icestats: {} }, "/live")).toThrow(
      "The mount /live is not on this Icecast server now (no source is connected to it).",
    );
    expect(() => readIcecastListeners({ hello: 1 }, "/live")).toThrow("The answer is not Icecast's status (no icestats).");
    expect(icecastStatusUrl("http://127.0.0.1:8000/")).toBe("http://127.0.0.1:8000/status-json.xsl");
    expect(icecastStatusUrl("http://127.0.0.1:8000/status-json.xsl")).toBe("http://127.0.0.1:8000/status-json.xsl");
  });

  it("reads a Space's state, times and participants in the X API's v2 shape", () => {
    expect(readSpace({ data: { id: "1", state: "scheduled", scheduled_start: "2024-08-13T00:00:00.000Z" } })).toEqual({
      listeners: 0,
      times: { state: "scheduled", scheduledStart: T0, startedAt: null, endedAt: null },
    });
    expect(readSpace({ data: { state: "live", participant_count: 1_100_000, started_at: "2024-08-13T00:42:00.000Z" } })).toMatchObject({
      listeners: 1_100_000,
      times: { state: "live", startedAt: T0 + 42 * MIN },
    });
    expect(() => readSpace({ errors: [{ title: "Not Found Error", detail: "Could not find space with id: [x]." }] })).toThrow(
      "The X API says: Could not find space with id: [x].",
    );
    expect(() => readSpace({ data: { state: "live", participant_count: "12" } })).toThrow(
      'The value at data.participant_count is the string "12", not a number.',
    );
  });

  it("waits for X's reset instant, else Retry-After in seconds or as a date", () => {
    const now = Date.parse("2026-12-06T12:00:00Z");
    expect(retryAt({ "x-rate-limit-reset": "1796558460" }, now)).toBe(1796558460_000);
    expect(retryAt({ "retry-after": "120" }, now)).toBe(now + 120_000);
    expect(retryAt({ "retry-after": "Sun, 06 Dec 2026 12:05:00 GMT" }, now)).toBe(now + 5 * MIN);
    expect(retryAt({}, now)).toBeNull();
  });
});
