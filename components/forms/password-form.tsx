"use client";
// Changing one's own password: the current one, the new one twice; a refusal says why and keeps nothing typed.
import { FormShell, TextField } from "./fields";
import type { FormAction } from "./fields";

const LABELS = { currentPassword: "Current password", newPassword: "New password", confirmPassword: "New password again" };

export function PasswordForm({ action, next }: { action: FormAction; next: string }) {
  return (
    <div className="narrow-form">
      <FormShell action={action} submitLabel="Change password" pendingText="Changing the password…" labels={LABELS} prefix="">
        {(state) => (
          <>
            <input type="hidden" name="next" value={state.values.next || next} />
            <TextField name="currentPassword" label={LABELS.currentPassword} type="password" state={state} required autoComplete="current-password" />
            <TextField
              name="newPassword"
              label={LABELS.newPassword}
              type="password"
              state={state}
              required
              autoComplete="new-password"
              hint="At least 12 characters."
            />
            <TextField name="confirmPassword" label={LABELS.confirmPassword} type="password" state={state} required autoComplete="new-password" />
          </>
        )}
      </FormShell>
    </div>
  );
}
