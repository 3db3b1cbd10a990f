// Signed-in people and tokens for tests: a user with a session whose cookie the mocked next/headers carries.
import { createSession, SESSION_COOKIE } from "@/lib/data/sessions";
import { createUser } from "@/lib/data/users";
import { getDb } from "@/lib/db";
import { cookieJar } from "./next-request";
import { systemActor } from "@/lib/domain/actor";

export const PASSWORD = "correct horse battery staple";

/** Creates the user if needed, opens a session and puts its cookie in the jar; returns the cookie's secret. */
export async function signInAs(email: string, role: "editor" | "admin"): Promise<string> {
  const existing = await getDb().user.findUnique({ where: { email } });
  const id = existing?.id ?? (await createUser({ ctx: { actor: systemActor("console") }, input: { email, role, password: PASSWORD } })).id;
  const { secret } = await createSession(id);
  cookieJar.set(SESSION_COOKIE, secret);
  return secret;
}
