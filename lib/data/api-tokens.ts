// API tokens: named, scoped read or write, shown once, stored as a hash, revocable, with their last use.
import "server-only";
import { randomSecret, sha256 } from "../auth/password";
import { getDb, write } from "../db";
import type { Actor } from "../domain/actor";
import { NotFoundError } from "../errors";
import { type TokenScope, TokenInput } from "../validation/user";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { readSql } from "./sql";

/** "da_" marks a Dead Air token in logs and secret scanners. */
const PREFIX = "da_";

/** Makes a token; its value is in the answer only, the database keeps its hash. */
export async function createApiToken({ ctx, input }: { ctx: WriteContext; input: unknown }) {
  const createdById = ctx.actor?.kind === "user" ? ctx.actor.userId : null;
  return runOperation(
    ctx,
    TokenInput,
    input,
    async ({ tx }, data) => {
      const token = PREFIX + randomSecret();
      const row = await tx.apiToken.create({ data: { name: data.name, scope: data.scope, tokenHash: sha256(token), prefix: token.slice(0, 9), createdById } });
      return { id: row.id, name: row.name, scope: row.scope as TokenScope, token };
    },
    "admin",
  );
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
  // Every API request asks this: one indexed lookup in plain SQL on a read-only connection of its own.
  const row = await readSql().one<{ id: number; name: string; scope: string; revokedAt: unknown }>(
    'SELECT "id", "name", "scope", "revokedAt" FROM "ApiToken" WHERE "tokenHash" = ?',
    sha256(token),
  );
  if (!row || row.revokedAt !== null) return null;
  touch(row.id);
  return { kind: "token", tokenId: Number(row.id), name: row.name, scope: row.scope as TokenScope };
}

export async function revokeApiToken({ ctx, id }: { ctx: WriteContext; id: number }): Promise<void> {
  await runAuthorized(
    ctx,
    async ({ tx }) => {
      const row = await tx.apiToken.findUnique({ where: { id } });
      if (!row) throw new NotFoundError(`No token has the id ${id}.`);
      if (!row.revokedAt) await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    },
    "admin",
  );
}

export function listApiTokens() {
  return getDb().apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, scope: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}
