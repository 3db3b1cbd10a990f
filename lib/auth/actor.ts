// Who is asking: a signed-in person or an API token, and what each may do.
import type { Role, TokenScope } from "../validation/user";

export type Actor =
  | { kind: "user"; userId: number; email: string; role: Role; sessionId: number }
  | { kind: "token"; tokenId: number; name: string; scope: TokenScope };

/** Anyone may read; editors, admins and write tokens may change records. */
export function canWrite(actor: Actor | null): boolean {
  if (!actor) return false;
  return actor.kind === "user" || actor.scope === "write";
}

/** Only a signed-in admin manages users and tokens: a token cannot make more tokens. */
export function isAdmin(actor: Actor | null): boolean {
  return actor?.kind === "user" && actor.role === "admin";
}

/** The name the correction log records for a change. */
export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : `token:${actor.name}`;
}
