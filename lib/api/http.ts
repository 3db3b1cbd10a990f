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
import { isNestedDeeper, MAX_JSON_DEPTH } from "../export/json";
import { clip, type FieldErrors, REASON_MAX, REASON_TOO_LONG } from "../validation/fields";

export const MAX_BODY_BYTES = 1024 * 1024;
/** No record has a tenth as many fields: a body with more is refused before any schema reads (or merges) them. */
export const MAX_BODY_FIELDS = 100;
/** A media type worth reading: "application/vnd.example.thing+json; charset=utf-8" and any real one fit. */
export const MAX_MEDIA_TYPE_CHARS = 200;

/** The request's Content-Type, or "" when it is longer than any media type is (and so names none). */
export function mediaType(request: Request): string {
  const type = request.headers.get("content-type") ?? "";
  return type.length > MAX_MEDIA_TYPE_CHARS ? "" : type;
}

// A subtype's suffix ("vnd.api+") takes no "+" itself, so that the pattern reads each character once.
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json[ \t]*(?:;|$)/i;

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

/** A thrown error as the problem detail it answers with: a typed one says what it is, anything else leaks nothing. */
export function problemOf(error: unknown): { body: Record<string, unknown>; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const current = "current" in error && error.current ? { current: error.current } : {};
    return {
      body: { type: "about:blank", title: error.title, status: error.status, detail: error.message, errors: error.errors, ...current },
      headers: headersOf(error),
    };
  }
  console.error("Unexpected error in a route handler:", error);
  return {
    body: {
      type: "about:blank",
      title: "Internal server error",
      status: 500,
      detail: "Something went wrong on our side; nothing was saved.",
      errors: {},
    },
    headers: {},
  };
}

/** Runs a handler; typed errors become problem details, anything else a 500 that leaks nothing. */
export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const { body, headers } = problemOf(error);
    return new Response(JSON.stringify(body), {
      status: body.status as number,
      headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store", ...headers },
    });
  }
}

/** The request's JSON object: 415 unless it says JSON, 413 over 1 MB, 400 when it does not parse to an object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  if (!JSON_TYPE.test(mediaType(request))) {
    throw new UnsupportedMediaTypeError('The body must be JSON, sent with "Content-Type: application/json".');
  }
  const text = await readLimited(request);
  if (isNestedDeeper(text)) {
    const message = `The body nests lists and objects more than ${MAX_JSON_DEPTH} deep; no record does.`;
    throw new ValidationError(message, { _body: [message] });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError("The body is not valid JSON.", { _body: ["The body is not valid JSON."] });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationError("The body must be a JSON object.", { _body: ["The body must be a JSON object."] });
  }
  if (Object.keys(body).length > MAX_BODY_FIELDS) {
    const message = `The body has more than ${MAX_BODY_FIELDS} fields; no record has that many.`;
    throw new ValidationError(message, { _body: [message] });
  }
  return body as Record<string, unknown>;
}

function tooLarge(limit = MAX_BODY_BYTES) {
  return new PayloadTooLargeError(`The body is larger than ${limit / 1024 / 1024} MB.`);
}

/** Reads the body as text, stopping as soon as it passes the limit (a missing or false Content-Length is no bypass). */
export async function readLimited(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  // A length of more than 15 digits is more than any limit (and more than Number reads exactly): not read at all.
  const declared = request.headers.get("content-length");
  if (declared !== null && (declared.length > 15 || Number(declared) > limit)) throw tooLarge(limit);
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

/** Ids and page sizes as digits: at most 15, so that each is a safe integer, and nothing longer is matched at all. */
const isWholeNumber = (raw: string) => raw.length >= 1 && raw.length <= 15 && /^\d+$/.test(raw);

/** `?limit=` capped at 200 and `?cursor=` (the last id seen) for lists. */
export function pageParams(url: URL): { limit: number; cursor: number | null } {
  const errors: FieldErrors = {};
  const rawLimit = url.searchParams.get("limit");
  const rawCursor = url.searchParams.get("cursor");
  let limit = 50;
  if (rawLimit !== null) {
    if (!isWholeNumber(rawLimit) || Number(rawLimit) < 1) errors.limit = ["Limit must be a whole number from 1 up (at most 200 are returned)."];
    else limit = Math.min(200, Number(rawLimit));
  }
  let cursor: number | null = null;
  if (rawCursor !== null && rawCursor !== "") {
    if (!isWholeNumber(rawCursor)) errors.cursor = ["Cursor must be the nextCursor of a previous page."];
    else cursor = Number(rawCursor);
  }
  if (Object.keys(errors).length) throw new ValidationError("Some query parameters are not valid.", errors);
  return { limit, cursor };
}

/** An id from the path; anything but a whole number names no record, so it is a 404. */
/**
 * The optional `reason` of a PATCH (why the record is corrected, for the correction log), taken out of the body so
 * that the record's own schema never sees it.
 */
export function takeReason(body: Record<string, unknown>): string | null {
  const { reason } = body;
  delete body.reason;
  if (reason === undefined || reason === null || reason === "") return null;
  if (typeof reason !== "string") throw new ValidationError("Some fields are not valid.", { reason: ["Reason for the change must be text."] });
  if (reason.trim().length > REASON_MAX) throw new ValidationError("Some fields are not valid.", { reason: [REASON_TOO_LONG] });
  return reason.trim() || null;
}

export function idParam(raw: string, label: string): number {
  if (!isWholeNumber(raw) || Number(raw) < 1) throw new NotFoundError(`No ${label} has the id "${clip(raw)}".`);
  return Number(raw);
}
