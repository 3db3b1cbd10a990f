"use server";
// Signing in and out from the browser. Next checks that an action's Origin is this host; the password check and
// its limit are in lib/auth/sign-in.ts, shared with POST /api/session.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clearSessionCookie, currentActor, safeNext, sessionSecret, setSessionCookie } from "../auth/server";
import { revokeSession } from "../data/sessions";
import { changeOwnPassword } from "../data/users";
import { clientAddress, signIn } from "../auth/sign-in";
import { AppError } from "../errors";
import type { FormState } from "../validation/form-state";
import { formValues } from "./run";

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  // The password is never sent back to the page; the email and the destination are kept.
  const kept = { email: values.email ?? "", next: values.next ?? "" };
  let mustChange: boolean;
  try {
    const session = await signIn({ email: values.email, password: values.password }, clientAddress(await headers()));
    await setSessionCookie(session.secret, session.expiresAt);
    mustChange = session.mustChangePassword;
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message, errors: error.errors, values: kept };
    throw error;
  }
  const next = safeNext(values.next);
  // A generated password was meant to be used once: the first stop is choosing one's own.
  redirect(mustChange ? `/account?first=1&next=${encodeURIComponent(next)}` : next);
}

export async function signOutAction(): Promise<void> {
  const secret = await sessionSecret();
  if (secret) await revokeSession(secret);
  await clearSessionCookie();
  redirect("/?signed-out=1");
}

export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  // Passwords are never sent back to the page.
  const kept = { next: values.next ?? "" };
  try {
    await changeOwnPassword({
      ctx: { actor: await currentActor() },
      input: { currentPassword: values.currentPassword ?? "", newPassword: values.newPassword ?? "", confirmPassword: values.confirmPassword ?? "" },
    });
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message, errors: error.errors, values: kept };
    throw error;
  }
  if (values.next) redirect(safeNext(values.next));
  return { status: "success", message: "Password changed. Your other sessions and your API tokens have ended.", errors: {}, values: {} };
}
