// Who is asking (a signed-in person, an API token, or Dead Air itself), what each may do, and the refusals.
import { ForbiddenError, UnauthorizedError } from "../errors";
import type { Role, TokenScope } from "../validation/user";

export type Actor =
  | { kind: "user"; userId: number; email: string; displayName: string; role: Role; sessionId: number }
  | { kind: "token"; tokenId: number; name: string; scope: TokenScope }
  /** Dead Air's own writers: the seed at start-up, the monitor that opens incidents. */
  | { kind: "system"; name: "seed" | "monitor" | "console" };

export type Permission = "write" | "admin";

export const systemActor = (name: Extract<Actor, { kind: "system" }>["name"]): Actor => ({ kind: "system", name });

/** Anyone may read; editors, admins, write tokens and Dead Air itself may change records. */
export function canWrite(actor: Actor | null): boolean {
  if (!actor) return false;
  return actor.kind !== "token" || actor.scope === "write";
}

/** Only a signed-in admin (or Dead Air at its first start) manages users and tokens: a token cannot make more tokens. */
export function isAdmin(actor: Actor | null): boolean {
  return (actor?.kind === "user" && actor.role === "admin") || actor?.kind === "system";
}

/** Throws the refusal a caller without the permission gets: 401 for nobody, 403 for too little. */
export function assertAllowed(actor: Actor | null, need: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthorizedError('Sign in as an editor, or send a write token as "Authorization: Bearer <token>".');
  if (need === "admin" && !isAdmin(actor)) throw new ForbiddenError("Only an admin may do this.");
  if (!canWrite(actor)) throw new ForbiddenError(`The token "${actor.kind === "token" ? actor.name : ""}" may only read; use a write token.`);
}

/** How the public correction log names the caller: a person by their display name (never the email), any token alike. */
export function actorLabel(actor: Actor): string {
  if (actor.kind === "user") return actor.displayName || `Editor ${actor.userId}`;
  if (actor.kind === "token") return "API client";
  return actor.name;
}

/** Who exactly, kept beside each log entry for admins: "user:3", "token:7", "seed". */
export function actorRef(actor: Actor): string {
  if (actor.kind === "user") return `user:${actor.userId}`;
  if (actor.kind === "token") return `token:${actor.tokenId}`;
  return actor.name;
}
