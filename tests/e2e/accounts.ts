// The admin the end-to-end server starts with (its new database has no user), and where the signed-in state is kept.
import path from "node:path";

export const E2E_ADMIN = { email: "e2e-admin@example.org", password: "end-to-end password" };

export function signedInState(): string {
  return path.join(process.env.E2E_DATABASE_DIR ?? "test-results", "signed-in.json");
}
