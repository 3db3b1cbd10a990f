"use client";
// The sign-in form: email (or "admin") and password; a refusal keeps the email and says why, the limit included.
import { FormShell, TextField } from "./fields";
import type { FormAction } from "./fields";

const LABELS = { email: "Email", password: "Password" };

export function SignInForm({ action, next }: { action: FormAction; next: string }) {
  return (
    <div className="narrow-form">
      <FormShell action={action} submitLabel="Sign in" pendingText="Signing in…" labels={LABELS} prefix="">
        {(state) => (
          <>
            <input type="hidden" name="next" value={state.values.next || next} />
            <TextField
              name="email"
              label="Email"
              type="email"
              state={state}
              required
              autoComplete="username"
              hint='The admin made on first start is "admin", unless DEADAIR_ADMIN_EMAIL named another.'
            />
            <TextField name="password" label="Password" type="password" state={state} required autoComplete="current-password" />
          </>
        )}
      </FormShell>
    </div>
  );
}
