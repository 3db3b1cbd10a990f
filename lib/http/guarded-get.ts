// GET requests to addresses that someone else chose (a monitor's stream or status page): each address checked before
// it is contacted and again on the very socket (DNS rebinding), every redirect checked the same way.
import "server-only";
import http from "node:http";
import https from "node:https";
import { checkTarget, guardedLookupFor } from "./targets";

/** Redirects followed per request, each to an address checked like the first. */
export const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const lookup = guardedLookupFor("monitors");

/** A request that could not be made or answered, in words a monitor's last error can show. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export interface GuardedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The address that answered, after redirects. */
  url: string;
  body: http.IncomingMessage;
}

function once(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    // No keep-alive agent: every request resolves and checks its address afresh.
    const request = client.get(url, { headers: { "user-agent": "DeadAir-Monitor/1", ...headers }, lookup, signal, agent: false }, resolve);
    request.on("error", reject);
  });
}

/** The response's media type, lower case, without parameters ("" when none was sent). */
export function mediaTypeOf(response: GuardedResponse): string {
  return (response.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * GETs `url`, following up to MAX_REDIRECTS redirects; the body is the caller's to read (or destroy). Throws a
 * FetchError in words for an address that may not be reached, a redirect too many, or no connection.
 */
export async function guardedGet(url: string, options: { headers?: Record<string, string>; signal: AbortSignal }): Promise<GuardedResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const refusal = await checkTarget(current, undefined, "monitors");
    if (refusal) throw new FetchError(hop === 0 ? refusal : `Redirected to ${current}, refused: ${refusal}`);
    let response: http.IncomingMessage;
    try {
      response = await once(new URL(current), options.headers ?? {}, options.signal);
    } catch (error) {
      if (options.signal.aborted) throw error;
      throw new FetchError(describeNetworkError(error, current));
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && typeof location === "string") {
      response.destroy();
      if (hop === MAX_REDIRECTS) throw new FetchError(`More than ${MAX_REDIRECTS} redirects from ${url}.`, status);
      if (!URL.canParse(location, current)) throw new FetchError(`Redirected to an address that is not a URL: ${location.slice(0, 80)}`, status);
      current = new URL(location, current).href;
      continue;
    }
    return { status, headers: response.headers, url: current, body: response };
  }
}

/** The whole body, at most `maxBytes` of it: a longer one is refused with `tooLong` (no audience count is a megabyte). */
export async function readBytes(
  response: GuardedResponse,
  maxBytes: number,
  tooLong = `The answer is longer than ${Math.round(maxBytes / 1024)} kB.`,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.body.destroy();
      throw new FetchError(tooLong, response.status);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readText(response: GuardedResponse, maxBytes: number): Promise<string> {
  return (await readBytes(response, maxBytes)).toString("utf8");
}

/** A connection's failure in words: "connection refused by 127.0.0.1:8000 (ECONNREFUSED)". */
export function describeNetworkError(error: unknown, url: string): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  let host = url;
  try {
    host = new URL(url).host;
  } catch {}
  if (code === "EDEADAIRBLOCKED") return message;
  if (code === "ECONNREFUSED") return `Nothing answers at ${host}: the connection was refused (ECONNREFUSED).`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The host of ${host} could not be resolved (${code}).`;
  if (code === "ECONNRESET") return `${host} closed the connection (ECONNRESET).`;
  return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}
