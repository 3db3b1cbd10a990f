// Signing in: a password check behind a limit on failures, the same answer for a wrong name as a wrong password.
import "server-only";
import { createSession } from "../data/sessions";
import { findUserForSignIn } from "../data/users";
import { TooManyRequestsError, UnauthorizedError } from "../errors";
import { parseInput } from "../validation/parse";
import { SignInInput } from "../validation/user";
import { decoyHash, verifyPassword } from "./password";
import { SlidingWindow } from "./rate-limit";

const FAILURE_WINDOW_MS = 15 * 60_000;
/** Five wrong passwords in 15 minutes for one account from one address, then a pause. */
export const accountFailures = new SlidingWindow(5, FAILURE_WINDOW_MS);
/**
 * And fifty from one address across accounts, so that one address cannot try one password on every account. The
 * address is what the server was told (X-Forwarded-For from the proxy in front, else the socket's), so a limit per
 * address alone would be only as good as that header.
 */
export const addressFailures = new SlidingWindow(50, FAILURE_WINDOW_MS);

export interface SignedIn {
  userId: number;
  email: string;
  secret: string;
  expiresAt: Date;
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "a minute" : `${m} minutes`;
}

/** Checks the password and opens a session; throws 401 for a bad pair and 429 past the limit. */
export async function signIn(raw: unknown, address: string): Promise<SignedIn> {
  const { email, password } = parseInput(SignInInput, raw);
  const accountKey = `${email}\u0000${address}`;
  const wait = Math.max(accountFailures.retryAfter(accountKey), addressFailures.retryAfter(address));
  if (wait > 0) {
    throw new TooManyRequestsError(`Too many failed sign-ins. Try again in ${minutes(wait)}.`, wait);
  }
  const user = await findUserForSignIn(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok || user.disabledAt) {
    accountFailures.record(accountKey);
    addressFailures.record(address);
    throw new UnauthorizedError("The email or password is not right.");
  }
  accountFailures.clear(accountKey);
  const { secret, expiresAt } = await createSession(user.id);
  return { userId: user.id, email: user.email, secret, expiresAt };
}

/** The caller's address as the server knows it: the first X-Forwarded-For hop, which Next sets from the socket. */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
