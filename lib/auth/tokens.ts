// API tokens: named, scoped read or write, shown once, stored as a hash, revocable, with their last use.
import { getDb, write } from "../db";
import { NotFoundError } from "../errors";
import { parseInput } from "../api/http";
import { type TokenScope, TokenInput } from "../validation/user";
import type { Actor } from "./actor";
import { randomSecret, sha256 } from "./password";

/** "da_" marks a Dead Air token in logs and secret scanners. */
const PREFIX = "da_";

export async function createApiToken(raw: unknown, createdById: number | null = null) {
  const input = parseInput(TokenInput, raw);
  const token = PREFIX + randomSecret();
  const row = await write((tx) =>
    tx.apiToken.create({ data: { name: input.name, scope: input.scope, tokenHash: sha256(token), prefix: token.slice(0, 9), createdById } }),
  );
  return { id: row.id, name: row.name, scope: row.scope as TokenScope, token };
}

// Recording every use would add a write to every request; once a minute per token is enough to answer "last used".
const TOUCH_EVERY_MS = 60_000;
const touched = new Map<number, number>();

function touch(id: number): void {
  const now = Date.now();
  if (now - (touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
  touched.set(id, now);
  write((tx) => tx.apiToken.update({ where: { id }, data: { lastUsedAt: new Date(now) } })).catch((error) => {
    console.error("Dead Air: could not record a token's last use:", error);
  });
}

/** The token's actor, or null when no live token has this value. */
export async function tokenActor(token: string): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length > 100) return null;
  // Every API request asks this; a raw indexed lookup costs a fifth of what the query builder does.
  const [row] = await getDb().$queryRawUnsafe<{ id: number; name: string; scope: string; revokedAt: unknown }[]>(
    'SELECT id, name, scope, revokedAt FROM "ApiToken" WHERE tokenHash = ?',
    sha256(token),
  );
  if (!row || row.revokedAt !== null) return null;
  touch(row.id);
  return { kind: "token", tokenId: Number(row.id), name: row.name, scope: row.scope as TokenScope };
}

export async function revokeApiToken(id: number): Promise<void> {
  await write(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`No token has the id ${id}.`);
    if (!row.revokedAt) await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  });
}

export function listApiTokens() {
  return getDb().apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, scope: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}
