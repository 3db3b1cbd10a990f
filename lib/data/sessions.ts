// Server-side sessions: the cookie carries a random secret, the database its hash, expiry and revocation.
import "server-only";
import { randomSecret, sha256 } from "../auth/password";
import { getDb, write } from "../db";
import type { Actor } from "../domain/actor";
import type { Role } from "../validation/user";
import { runAuthorized, type WriteContext } from "./operation";

export const SESSION_COOKIE = "deadair_session";

/**
 * Over https the cookie is "__Host-deadair_session": browsers then take it only with Secure, Path=/ and no Domain,
 * so neither a plain-http page nor another subdomain can plant one. Over http (a laptop, the tests) the plain name.
 */
export function sessionCookieName(https: boolean): string {
  return https ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
/** Two weeks: long enough for an editor's working fortnight, short enough that a lost laptop's session ends. */
export const SESSION_DAYS = 14;

/** Opens a session for a user whose password was just checked (signing in is how one gets a caller at all). */
export async function createSession(userId: number): Promise<{ secret: string; expiresAt: Date }> {
  const secret = randomSecret();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await write((tx) => tx.session.create({ data: { tokenHash: sha256(secret), userId, expiresAt } }));
  return { secret, expiresAt };
}

/** The person a cookie's secret belongs to, or null when it is unknown, expired, revoked or their user disabled. */
export async function sessionActor(secret: string | undefined | null): Promise<Actor | null> {
  if (!secret || secret.length > 100) return null;
  const session = await getDb().session.findUnique({
    where: { tokenHash: sha256(secret) },
    include: { user: { select: { id: true, email: true, displayName: true, role: true, disabledAt: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || session.user.disabledAt) return null;
  const { id: userId, email, displayName, role } = session.user;
  return { kind: "user", userId, email, displayName, role: role as Role, sessionId: session.id };
}

/** Signing out: whoever holds the secret may end its session. */
export async function revokeSession(secret: string): Promise<void> {
  await write((tx) => tx.session.updateMany({ where: { tokenHash: sha256(secret), revokedAt: null }, data: { revokedAt: new Date() } }));
}

/** An admin signs a user out everywhere; answers how many sessions ended. */
export async function revokeUserSessions({ ctx, userId }: { ctx: WriteContext; userId: number }): Promise<number> {
  return runAuthorized(
    ctx,
    async ({ tx }) => (await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } })).count,
    "admin",
  );
}
