// The first admin of a new installation, announced on the console once (there is no default password).
import "server-only";
import { ensureFirstAdmin } from "../data/users";

/** Creates the first admin when there is no user, and prints how to sign in; `url` is where the app listens. */
export async function announceFirstAdmin(url: string): Promise<void> {
  const outcome = await ensureFirstAdmin();
  if (!outcome.created) return;
  if (outcome.generatedPassword === null) {
    console.log(`Dead Air: created the admin ${outcome.email} from DEADAIR_ADMIN_EMAIL; sign in at ${url}/signin.`);
    return;
  }
  console.log(
    [
      "",
      "Dead Air: there was no user, so an admin was created. Sign in at",
      `  ${url}/signin`,
      `  as:        ${outcome.email}`,
      `  password:  ${outcome.generatedPassword}`,
      "This password is shown only this once. Add editors and API tokens at /admin.",
      "",
    ].join("\n"),
  );
}
