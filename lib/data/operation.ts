// One way in for every write: check the caller, parse the raw input with its schema, write in one transaction.
import "server-only";
import type { z } from "zod";
import { type Tx, write } from "../db";
import { type Actor, actorLabel, actorRef, assertAllowed, type Permission } from "../domain/actor";
import type { LogActor } from "./revisions";
import { parseInput } from "../validation/parse";

/** Who asks, and where the write runs. Every transport (API, form, import, seed, monitor) builds one. */
export interface WriteContext {
  /** The caller; null when nobody is signed in (refused with 401). */
  actor: Actor | null;
  /** Run inside this transaction, as an import does to apply a whole file or nothing; else in one of its own. */
  tx?: Tx;
  /** Said in the correction log after the caller's name, e.g. "import". */
  via?: string;
  /** Why the change is made, in the editor's words: shown with each of its entries in the correction log. */
  reason?: string | null;
}

/** What an operation's body gets: the transaction and who the correction log records. */
export interface OperationScope {
  tx: Tx;
  actor: LogActor;
}

/** Checks the permission before anything else, so that a refusal tells an anonymous caller nothing about its input. */
export function authorizeWrite(ctx: WriteContext, need: Permission = "write"): LogActor {
  assertAllowed(ctx.actor, need);
  const name = actorLabel(ctx.actor);
  return { name: ctx.via ? `${name} (${ctx.via})` : name, ref: actorRef(ctx.actor), reason: ctx.reason?.trim() || null };
}

/** Runs `work` in the context's transaction, or queues it for the writer as a transaction of its own. */
export function inTransaction<T>(ctx: WriteContext, actor: LogActor, work: (scope: OperationScope) => Promise<T>): Promise<T> {
  return ctx.tx ? work({ tx: ctx.tx, actor }) : write((tx) => work({ tx, actor }));
}

/** The whole operation: permission, then the one schema, then the write with its log entries. */
export async function runOperation<S extends z.ZodType, T>(
  ctx: WriteContext,
  schema: S,
  raw: unknown,
  work: (scope: OperationScope, input: z.infer<S>) => Promise<T>,
  need: Permission = "write",
): Promise<T> {
  const actor = authorizeWrite(ctx, need);
  const input = parseInput(schema, raw);
  return inTransaction(ctx, actor, (scope) => work(scope, input));
}

/** An operation without input (a delete, a revocation): permission, then the write. */
export async function runAuthorized<T>(ctx: WriteContext, work: (scope: OperationScope) => Promise<T>, need: Permission = "write"): Promise<T> {
  return inTransaction(ctx, authorizeWrite(ctx, need), work);
}
