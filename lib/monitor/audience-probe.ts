// The audience monitors: Icecast's status-json.xsl (one mount's listeners), the X API v2 Spaces lookup (participants,
// scheduled and actual start) and any JSON document (a JSON Pointer to the count), polled at the monitor's interval,
// rate limits honoured, and every wrong answer put in words as the monitor's last error.
import "server-only";
import { readCount } from "../domain/monitors";
import { describeNetworkError, FetchError, guardedGet, type GuardedResponse, mediaTypeOf, readText } from "../http/guarded-get";
import { spacesLookupUrl } from "../validation/monitor";
import { errorText, onTheSecond, pause, type Probe, type ProbeJob, type ProbeSink, requestHeaders, type SpaceTimes } from "./probe";

const REQUEST_TIMEOUT_MS = 10_000;
/** No audience count, nor Icecast's status of a busy server, comes near this. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
/** A rate limit that asks for a longer wait than this is waited out in steps of it (the monitor may be stopped). */
const LONGEST_WAIT_MS = 15 * 60_000;

/** A refusal that says when to try again (HTTP 429 with a reset or Retry-After header). */
class RateLimited extends FetchError {
  constructor(
    message: string,
    readonly until: number,
  ) {
    super(message, 429);
  }
}

export interface Reading {
  listeners: number;
  times?: SpaceTimes;
}

/** When a 429 says to come back: X's x-rate-limit-reset (epoch seconds), else Retry-After (seconds or a date). */
export function retryAt(headers: GuardedResponse["headers"], now: number): number | null {
  const reset = headers["x-rate-limit-reset"];
  if (typeof reset === "string" && /^\d{1,12}$/.test(reset.trim())) return Number(reset.trim()) * 1000;
  const after = headers["retry-after"];
  if (typeof after === "string") {
    if (/^\d{1,9}$/.test(after.trim())) return now + Number(after.trim()) * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return date;
  }
  return null;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19) + " UTC";

/** GET a JSON document: 429 as RateLimited, other non-2xx answers and anything that is not JSON in words. */
async function getJson(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  describeStatus?: (status: number, body: string) => string | null,
) {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: GuardedResponse;
  let text: string;
  try {
    response = await guardedGet(url, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.any([signal, timeout]) });
    text = await readText(response, MAX_ANSWER_BYTES);
  } catch (error) {
    if (timeout.aborted && !signal.aborted) throw new FetchError(`No answer from ${new URL(url).host} within ${REQUEST_TIMEOUT_MS / 1000} s.`);
    throw error instanceof FetchError ? error : new FetchError(describeNetworkError(error, url));
  }
  if (response.status === 429) {
    const until = retryAt(response.headers, Date.now()) ?? Date.now() + 60_000;
    throw new RateLimited(`Rate-limited (HTTP 429): the next request waits until ${clock(until)}.`, until);
  }
  if (response.status < 200 || response.status > 299) {
    const said =
      describeStatus?.(response.status, text) ??
      text
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 120);
    throw new FetchError(`The address answered HTTP ${response.status}${said ? `: ${said}` : ""}.`, response.status);
  }
  const type = mediaTypeOf(response);
  if (type === "text/html" || /^\s*</.test(text)) throw new FetchError(`The address answers ${type || "a page"} (HTML), not JSON.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FetchError(`The answer is not JSON: ${JSON.stringify(text.trim().slice(0, 40))}${text.trim().length > 40 ? "…" : ""}`);
  }
}

/** Icecast's status document: where it is for a server's address, and its mount's listeners. */
export function icecastStatusUrl(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname.endsWith("/status-json.xsl") ? parsed.href : new URL("/status-json.xsl", parsed).href;
}

export function readIcecastListeners(document: unknown, mount: string): number {
  const stats = (document as { icestats?: { source?: unknown } } | null)?.icestats;
  if (!stats || typeof stats !== "object") throw new FetchError("The answer is not Icecast's status (no icestats).");
  // One source is an object, several an array, none no key at all.
  const sources = stats.source === undefined ? [] : Array.isArray(stats.source) ? stats.source : [stats.source];
  const found = sources.find((s: { listenurl?: unknown }) => {
    if (typeof s?.listenurl !== "string") return false;
    try {
      return new URL(s.listenurl).pathname === mount;
    } catch {
      return false;
    }
  }) as { listeners?: unknown } | undefined;
  if (!found) throw new FetchError(`The mount ${mount} is not on this Icecast server now (no source is connected to it).`);
  if (typeof found.listeners !== "number" || !Number.isFinite(found.listeners)) throw new FetchError(`Icecast gives no listener count for ${mount}.`);
  return found.listeners;
}

const SPACE_FIELDS = "state,scheduled_start,started_at,ended_at,participant_count,title";

/** The X API's own words for a refusal ({"title", "detail"} or {"errors": [{"message"}]}). */
function xApiError(status: number, body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { detail?: string; title?: string; errors?: { message?: string; detail?: string }[] };
    const said = parsed.detail ?? parsed.errors?.[0]?.message ?? parsed.errors?.[0]?.detail ?? parsed.title;
    if (status === 401) return `the X API refused the bearer token${said ? ` (${said})` : ""}`;
    return said ? said.slice(0, 160) : null;
  } catch {
    return status === 401 ? "the X API refused the bearer token" : null;
  }
}

const instant = (v: unknown) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : null);

export function readSpace(document: unknown): Reading {
  const data = (document as { data?: Record<string, unknown>; errors?: { detail?: string; title?: string }[] } | null)?.data;
  if (!data || typeof data !== "object") {
    const problem = (document as { errors?: { detail?: string; title?: string }[] } | null)?.errors?.[0];
    throw new FetchError(problem ? `The X API says: ${problem.detail ?? problem.title}` : "The X API's answer has no data.");
  }
  const times: SpaceTimes = {
    state: typeof data.state === "string" ? data.state : "unknown",
    scheduledStart: instant(data.scheduled_start),
    startedAt: instant(data.started_at),
    endedAt: instant(data.ended_at),
  };
  // A scheduled Space has no participants yet; X leaves the field out rather than sending 0.
  const count = data.participant_count ?? (times.state === "scheduled" ? 0 : undefined);
  const read = readCount({ count }, "/count");
  if (!read.ok) throw new FetchError(read.error.replace("/count", "data.participant_count"));
  return { listeners: read.count, times };
}

/** One poll of a monitor, in the way its kind asks for. */
export async function pollOnce(job: ProbeJob, signal: AbortSignal): Promise<Reading> {
  const headers = requestHeaders(job.secret);
  if (job.kind === "icecast") return { listeners: readIcecastListeners(await getJson(icecastStatusUrl(job.url), headers, signal), job.mount ?? "/") };
  if (job.kind === "x-spaces") {
    const lookup = spacesLookupUrl(job.url);
    if (!lookup) throw new FetchError("The URL is neither a Space's link nor its X API lookup.");
    return readSpace(await getJson(`${lookup}?space.fields=${SPACE_FIELDS}`, headers, signal, xApiError));
  }
  const read = readCount(await getJson(job.url, headers, signal), job.pointer ?? "");
  if (!read.ok) throw new FetchError(read.error);
  return { listeners: read.count };
}

/** Polls every intervalSeconds (from the start of one poll to the next), waiting out a rate limit when told to. */
export function startAudienceProbe(job: ProbeJob, sink: ProbeSink): Probe {
  const stop = new AbortController();
  const done = (async () => {
    sink.state("starting");
    while (!stop.signal.aborted) {
      const started = Date.now();
      let next = started + job.intervalSeconds * 1000;
      try {
        const reading = await pollOnce(job, stop.signal);
        if (stop.signal.aborted) break;
        sink.sample("listeners", onTheSecond(Date.now()), reading.listeners);
        if (reading.times) sink.times?.(reading.times);
        sink.state("running");
      } catch (error) {
        if (stop.signal.aborted) break;
        if (error instanceof RateLimited) next = Math.max(next, error.until);
        sink.state("retrying", errorText(error));
      }
      while (!stop.signal.aborted && Date.now() < next) await pause(Math.min(LONGEST_WAIT_MS, next - Date.now()), stop.signal);
    }
  })();
  return {
    stop: async () => {
      stop.abort();
      await done;
    },
  };
}
