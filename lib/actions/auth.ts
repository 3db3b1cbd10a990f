"use server";
// Signing in and out from the browser. Next checks that an action's Origin is this host; the password check and
// its limit are in lib/auth/sign-in.ts, shared with POST /api/session.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { clearSessionCookie, safeNext, setSessionCookie } from "../auth/server";
import { SESSION_COOKIE, revokeSession } from "../data/sessions";
import { clientAddress, signIn } from "../auth/sign-in";
import { AppError } from "../errors";
import type { FormState } from "../validation/form-state";
import { formValues } from "./run";

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  // The password is never sent back to the page; the email and the destination are kept.
  const kept = { email: values.email ?? "", next: values.next ?? "" };
  try {
    const session = await signIn({ email: values.email, password: values.password }, clientAddress(await headers()));
    await setSessionCookie(session.secret, session.expiresAt);
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message, errors: error.errors, values: kept };
    throw error;
  }
  redirect(safeNext(values.next));
}

export async function signOutAction(): Promise<void> {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  if (secret) await revokeSession(secret);
  await clearSessionCookie();
  redirect("/?signed-out=1");
}
