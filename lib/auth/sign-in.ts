// Signing in: a password check behind a limit on failures, the same answer for a wrong name as a wrong password.
import "server-only";
import { createSession } from "../data/sessions";
import { findUserForSignIn } from "../data/users";
import { TooManyRequestsError, UnauthorizedError } from "../errors";
import { CLIENT_ADDRESS_HEADER } from "../http/client";
import { parseInput } from "../validation/parse";
import { SignInInput } from "../validation/user";
import { decoyHash, verifyPassword } from "./password";
import { SharedSlidingWindow } from "./rate-limit";

const FAILURE_WINDOW_MS = 15 * 60_000;
/** Five attempts in 15 minutes for one account from one address that did not succeed, then a pause. */
export const accountFailures = new SharedSlidingWindow("account", 5, FAILURE_WINDOW_MS);
/** Fifty from one address across accounts, so that one address cannot try one password on every account. */
export const addressFailures = new SharedSlidingWindow("address", 50, FAILURE_WINDOW_MS);
/**
 * Twenty for one account from any address, so that many addresses cannot share the guessing. It slows the guessing
 * to 80 an hour and pauses the owner for at most 15 minutes; it never locks the account for good.
 */
export const accountFailuresAnywhere = new SharedSlidingWindow("account-anywhere", 20, FAILURE_WINDOW_MS);

export interface SignedIn {
  userId: number;
  email: string;
  secret: string;
  expiresAt: Date;
  /** The password was generated (first admin, reset): the person should choose their own now. */
  mustChangePassword: boolean;
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "a minute" : `${m} minutes`;
}

/**
 * Checks the password and opens a session; throws 401 for a bad pair and 429 past the limit. Every attempt is
 * counted before the password is checked, so that attempts sent all at once are held to the limit too; a success
 * takes its count back.
 */
export async function signIn(raw: unknown, address: string): Promise<SignedIn> {
  const { email, password } = parseInput(SignInInput, raw);
  const pair = `${email}\u0000${address}`;
  const limits: [SharedSlidingWindow, string][] = [
    [accountFailures, pair],
    [addressFailures, address],
    [accountFailuresAnywhere, email],
  ];
  const taken: [SharedSlidingWindow, string][] = [];
  const undoTaken = () => Promise.all(taken.map(([w, k]) => w.undo(k)));
  for (const [window, key] of limits) {
    const wait = await window.attempt(key);
    if (wait > 0) {
      await undoTaken();
      throw new TooManyRequestsError(`Too many failed sign-ins. Try again in ${minutes(wait)}.`, wait);
    }
    taken.push([window, key]);
  }
  let user: Awaited<ReturnType<typeof findUserForSignIn>>;
  let ok: boolean;
  try {
    user = await findUserForSignIn(email);
    ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  } catch (error) {
    // Not checked at all (the server was too busy to hash): no attempt was made, so none is counted.
    await undoTaken();
    throw error;
  }
  if (!user || !ok || user.disabledAt) throw new UnauthorizedError("The email or password is not right.");
  await Promise.all([accountFailures.clear(pair), addressFailures.undo(address), accountFailuresAnywhere.undo(email)]);
  const { secret, expiresAt } = await createSession(user.id);
  return { userId: user.id, email: user.email, secret, expiresAt, mustChangePassword: user.mustChangePassword };
}

/**
 * The caller's address, as Dead Air's server wrote it from the socket and the trusted proxies (lib/http/client.ts),
 * which keeps at most 64 characters of one: anything longer was not written by it.
 */
export function clientAddress(headers: Headers): string {
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  return address && address.length <= 64 ? address : "unknown";
}
