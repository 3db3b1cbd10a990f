// The checks every route handler makes itself: who is asking (a bearer token or a session cookie), whether a
// cookie-carrying request comes from this site, and whether the caller may do what it asks.
import "server-only";
import { handle } from "../api/http";
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from "../errors";
import type { WriteContext } from "../data/operation";
import { type Actor, assertAllowed, type Permission } from "../domain/actor";
import { SharedTokenBucket } from "./rate-limit";
import { sessionActor, sessionCookieName } from "../data/sessions";
import { isHttpsRequest } from "../http/origin";
import { tokenActor } from "../data/api-tokens";

/** Writes per token: bursts of 600, then 10 a second (DEADAIR_TOKEN_WRITES_PER_SECOND changes the rate). */
const tokenWrites = new SharedTokenBucket("token-writes", 600, Number(process.env.DEADAIR_TOKEN_WRITES_PER_SECOND) || 10);

/** A Cookie header worth reading (Node's own limit for all the headers together is 16 KB), and a cookie: 4 KB, as browsers keep. */
const MAX_COOKIE_HEADER = 16 * 1024;
const MAX_COOKIE_VALUE = 4096;

/**
 * A cookie's value; a value whose percent-encoding is broken is no value (a forged cookie, not a server error), and
 * so is one longer than a browser keeps, or any cookie of a header longer than a server takes.
 */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header || header.length > MAX_COOKIE_HEADER) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      if (value.length > MAX_COOKIE_VALUE) return null;
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** An Origin is a scheme, a host and a port: one longer than any URL a browser sends names no site, this one least. */
const MAX_ORIGIN = 2048;

/**
 * A request another site made the browser send. Browsers say so in Sec-Fetch-Site; older ones send Origin, which
 * must name this host. A request with neither comes from a program, not a page, and carries no ambient cookie risk.
 */
export function isCrossSite(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin.length > MAX_ORIGIN) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Longer than "Bearer " and the longest token tokenActor looks up (100 characters), with room for spaces. */
const MAX_AUTHORIZATION = 256;
// Spaces, then a run of no spaces, then spaces: no two neighbouring quantifiers take the same characters.
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The token of an Authorization header: null without the header, false when it is not "Bearer <token>". */
function bearerToken(header: string | null): string | null | false {
  if (header === null) return null;
  if (header.length > MAX_AUTHORIZATION) return false;
  return BEARER.exec(header)?.[1] ?? false;
}

function bearer(headers: Headers): string | null {
  const token = bearerToken(headers.get("authorization"));
  if (token === false) throw new UnauthorizedError('Send the API token as "Authorization: Bearer <token>".');
  return token;
}

async function tokenOrThrow(token: string): Promise<Actor> {
  const actor = await tokenActor(token);
  if (!actor) throw new UnauthorizedError("The API token is not valid, or it was revoked.");
  return actor;
}

/** The caller of a write, or a refusal: 401 without credentials, 403 for a read token or another site, 429 past the limit. */
export async function authorize(request: Request, need: Permission): Promise<Actor> {
  const token = bearer(request.headers);
  let actor: Actor | null;
  if (token !== null) {
    actor = await tokenOrThrow(token);
  } else {
    if (isCrossSite(request.headers)) throw new ForbiddenError("Requests from other sites cannot change anything here.");
    actor = await sessionActor(cookieValue(request.headers.get("cookie"), sessionCookieName(isHttpsRequest(request.headers, request.url))));
  }
  // The operation checks again; checked here too, a read token's refused writes do not use up its write budget.
  assertAllowed(actor, need);
  if (actor.kind === "token") {
    const wait = await tokenWrites.take(String(actor.tokenId));
    if (wait > 0) throw new TooManyRequestsError(`The token "${actor.name}" has made too many writes; try again in ${wait} s.`, wait);
  }
  return actor;
}

/** Who sent a request, if anyone valid did: a live token, or a session cookie; never a refusal. */
export async function knownCaller(request: Request): Promise<Actor | null> {
  const token = bearerToken(request.headers.get("authorization"));
  if (token) return tokenActor(token);
  return sessionActor(cookieValue(request.headers.get("cookie"), sessionCookieName(isHttpsRequest(request.headers, request.url))));
}

/** Route handlers that read: open to anyone, but a token that is sent must be live (and its use is recorded). */
export function handleRead(request: Request, work: () => Promise<Response>): Promise<Response> {
  return handle(async () => {
    const token = bearer(request.headers);
    if (token !== null) await tokenOrThrow(token);
    return work();
  });
}

/** Route handlers that write: the work runs only for an allowed caller, and gets the context its operation takes. */
export function handleWrite(request: Request, work: (ctx: WriteContext) => Promise<Response>): Promise<Response> {
  return handle(async () => work({ actor: await authorize(request, "write") }));
}
