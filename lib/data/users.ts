// Users: creating them (the first admin at start-up included), roles, passwords, disabling; never their passwords.
import "server-only";
import { generatePassword, hashPassword, verifyPassword } from "../auth/password";
import { getDb, type Tx } from "../db";
import { systemActor } from "../domain/actor";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { parseInput } from "../validation/parse";
import { MIN_PASSWORD, PasswordChangeInput, passwordField, type Role, RoleInput, UserInput } from "../validation/user";
import { authorizeWrite, inTransaction, runAuthorized, runOperation, type WriteContext } from "./operation";

export interface CreatedUser {
  id: number;
  email: string;
  role: Role;
  /** The password when it was generated: shown once, stored nowhere. */
  generatedPassword: string | null;
}

/** Creates a user; with no password given, generates one and hands it back once. */
export async function createUser({ ctx, input: raw }: { ctx: WriteContext; input: unknown }): Promise<CreatedUser> {
  const actor = authorizeWrite(ctx, "admin");
  const input = parseInput(UserInput, raw);
  // The hash costs a thread for a while: it is made before the write queue is entered, not inside it.
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const user = await inTransaction(ctx, actor, async ({ tx }) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new ConflictError(`A user with the email ${input.email} exists already.`, { email: ["This email is taken."] });
    }
    const created = await tx.user.create({
      data: { email: input.email, displayName: input.displayName ?? "", role: input.role, passwordHash, mustChangePassword: generatedPassword !== null },
    });
    return input.displayName ? created : tx.user.update({ where: { id: created.id }, data: { displayName: `Editor ${created.id}` } });
  });
  return { id: user.id, email: user.email, role: user.role as Role, generatedPassword };
}

export type FirstAdmin = { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * On a database with no user: the admin named by DEADAIR_ADMIN_EMAIL and DEADAIR_ADMIN_PASSWORD, or else "admin"
 * with a random password that the caller prints once. There is no default password.
 */
export async function ensureFirstAdmin(env: Record<string, string | undefined> = process.env): Promise<FirstAdmin> {
  if ((await getDb().user.count()) > 0) return { created: false };
  const email = env.DEADAIR_ADMIN_EMAIL?.trim().toLowerCase();
  const given = env.DEADAIR_ADMIN_PASSWORD;
  if (email && !given) throw new ValidationError("DEADAIR_ADMIN_EMAIL is set without DEADAIR_ADMIN_PASSWORD: set both, or neither to get a generated password.");
  if (given && !email) throw new ValidationError("DEADAIR_ADMIN_PASSWORD is set without DEADAIR_ADMIN_EMAIL: set both, or neither to get a generated password.");
  if (given && !passwordField.safeParse(given).success) {
    throw new ValidationError(`DEADAIR_ADMIN_PASSWORD must be at least ${MIN_PASSWORD} characters.`);
  }
  const generatedPassword = given ? null : generatePassword();
  const passwordHash = await hashPassword(given ?? generatedPassword!);
  const created = await runAuthorized({ actor: systemActor("console") }, async ({ tx }) => {
    // Two processes starting at once: only the first makes the admin.
    if ((await tx.user.count()) > 0) return false;
    await tx.user.create({ data: { email: email ?? "admin", displayName: "Admin", role: "admin", passwordHash, mustChangePassword: given === undefined } });
    return true;
  }, "admin");
  return created ? { created: true, email: email ?? "admin", generatedPassword } : { created: false };
}

export async function listUsers() {
  const now = new Date();
  const users = await getDb().user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      displayName: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      _count: { select: { sessions: { where: { revokedAt: null, expiresAt: { gt: now } } } } },
    },
  });
  return users.map(({ _count, ...u }) => ({ ...u, activeSessions: _count.sessions }));
}

/** The user who is signing in, with the hash to check the password against. */
export function findUserForSignIn(email: string) {
  return getDb().user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true, disabledAt: true, mustChangePassword: true } });
}

/** Ends what a user's access opened: their sessions (unless kept) and the API tokens they made. */
async function endAccess(tx: Tx, userId: number, keep: { sessions?: boolean; sessionId?: number } = {}) {
  const now = new Date();
  if (keep.sessions !== false) {
    await tx.session.updateMany({ where: { userId, revokedAt: null, ...(keep.sessionId ? { id: { not: keep.sessionId } } : {}) }, data: { revokedAt: now } });
  }
  await tx.apiToken.updateMany({ where: { createdById: userId, revokedAt: null }, data: { revokedAt: now } });
}

async function userOrThrow(tx: Tx, id: number) {
  const user = await tx.user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError(`No user has the id ${id}.`);
  return user;
}

/** An admin may not take away the last way in: the last enabled admin keeps the role and stays enabled. */
async function keepsAnAdmin(tx: Tx, id: number, field: string) {
  const others = await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: id } } });
  if (others === 0) throw new ConflictError("This is the last enabled admin; make another admin first.", { [field]: ["The last enabled admin must stay one."] });
}

export async function setRole({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }): Promise<void> {
  await runOperation(
    ctx,
    RoleInput,
    input,
    async ({ tx }, { role }) => {
      const user = await userOrThrow(tx, id);
      if (user.role === "admin" && role !== "admin") {
        await keepsAnAdmin(tx, id, "role");
        // Only admins make tokens: an admin no more, their tokens end with the role.
        await endAccess(tx, id, { sessions: false });
      }
      await tx.user.update({ where: { id }, data: { role } });
    },
    "admin",
  );
}

/** Disabling also ends every session of the user; enabling lets them sign in again. */
export async function setDisabled({ ctx, id, disabled }: { ctx: WriteContext; id: number; disabled: boolean }): Promise<void> {
  await runAuthorized(
    ctx,
    async ({ tx }) => {
      const user = await userOrThrow(tx, id);
      if (disabled && user.role === "admin") await keepsAnAdmin(tx, id, "disabled");
      await tx.user.update({ where: { id }, data: { disabledAt: disabled ? (user.disabledAt ?? new Date()) : null } });
      if (disabled) await endAccess(tx, id);
    },
    "admin",
  );
}

/** A new generated password, returned once; the user's sessions end, so the old password opens nothing. */
export async function resetPassword({ ctx, id }: { ctx: WriteContext; id: number }): Promise<string> {
  const actor = authorizeWrite(ctx, "admin");
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, actor, async ({ tx }) => {
    await userOrThrow(tx, id);
    await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: true } });
    await endAccess(tx, id);
  });
  return password;
}

/**
 * A person changes their own password: the current one is checked first, then their other sessions and their tokens
 * end (whoever had the old password has nothing left open); the session they are in stays.
 */
export async function changeOwnPassword({ ctx, input }: { ctx: WriteContext; input: unknown }): Promise<void> {
  const actor = authorizeWrite(ctx);
  const me = ctx.actor;
  if (me?.kind !== "user") throw new ValidationError("Only a signed-in person has a password to change.");
  const { currentPassword, newPassword } = parseInput(PasswordChangeInput, input);
  const user = await getDb().user.findUnique({ where: { id: me.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new ValidationError("The current password is not right.", { currentPassword: ["The current password is not right."] });
  }
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, actor, async ({ tx }) => {
    await tx.user.update({ where: { id: me.userId }, data: { passwordHash, mustChangePassword: false } });
    await endAccess(tx, me.userId, { sessionId: me.sessionId });
  });
}
