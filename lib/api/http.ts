// Route-handler plumbing: JSON bodies read with limits, RFC 9457 problem details, and one mapping of errors.
import "server-only";
import {
  AppError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../errors";
import type { FieldErrors } from "../validation/fields";

export const MAX_BODY_BYTES = 1024 * 1024;

export function problem(
  status: number,
  title: string,
  detail: string,
  errors: FieldErrors = {},
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, errors, ...extra }), {
    status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** Headers a refusal owes the caller: when to retry, and how to authenticate. */
function headersOf(error: AppError): Record<string, string> {
  if (error instanceof TooManyRequestsError || error instanceof ServiceUnavailableError) return { "Retry-After": String(error.retryAfterSeconds) };
  if (error instanceof UnauthorizedError) return { "WWW-Authenticate": 'Bearer realm="Dead Air"' };
  return {};
}

/** Runs a handler; typed errors become problem details, anything else a 500 that leaks nothing. */
export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      const current = "current" in error && error.current ? { current: error.current } : {};
      return problem(error.status, error.title, error.message, error.errors, current, headersOf(error));
    }
    console.error("Unexpected error in a route handler:", error);
    return problem(500, "Internal server error", "Something went wrong on our side; nothing was saved.");
  }
}

/** The request's JSON object: 415 unless it says JSON, 413 over 1 MB, 400 when it does not parse to an object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new UnsupportedMediaTypeError('The body must be JSON, sent with "Content-Type: application/json".');
  }
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError("The body is not valid JSON.", { _body: ["The body is not valid JSON."] });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationError("The body must be a JSON object.", { _body: ["The body must be a JSON object."] });
  }
  return body as Record<string, unknown>;
}

function tooLarge(limit = MAX_BODY_BYTES) {
  return new PayloadTooLargeError(`The body is larger than ${limit / 1024 / 1024} MB.`);
}

/** Reads the body as text, stopping as soon as it passes the limit (a missing or false Content-Length is no bypass). */
export async function readLimited(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get("content-length")) > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** `?limit=` capped at 200 and `?cursor=` (the last id seen) for lists. */
export function pageParams(url: URL): { limit: number; cursor: number | null } {
  const errors: FieldErrors = {};
  const rawLimit = url.searchParams.get("limit");
  const rawCursor = url.searchParams.get("cursor");
  let limit = 50;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) errors.limit = ["Limit must be a whole number from 1 up (at most 200 are returned)."];
    else limit = Math.min(200, Number(rawLimit));
  }
  let cursor: number | null = null;
  if (rawCursor !== null && rawCursor !== "") {
    if (!/^\d+$/.test(rawCursor) || !Number.isSafeInteger(Number(rawCursor))) errors.cursor = ["Cursor must be the nextCursor of a previous page."];
    else cursor = Number(rawCursor);
  }
  if (Object.keys(errors).length) throw new ValidationError("Some query parameters are not valid.", errors);
  return { limit, cursor };
}

/** An id from the path; anything but a whole number names no record, so it is a 404. */
export function idParam(raw: string, label: string): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new NotFoundError(`No ${label} has the id "${raw}".`);
  return Number(raw);
}
