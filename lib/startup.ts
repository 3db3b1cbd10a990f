// Server start-up (Node runtime only): check the settings and prepare the database, or stop with one line that says why.
import "server-only";
import { announceFirstAdmin } from "./auth/first-admin";
import { publicOrigin } from "./http/origin";
import { prepareDatabase } from "./prepare";

/** A DEADAIR_PUBLIC_URL that permalinks cannot be written with stops the server before it serves anything. */
export function publicOriginOrExit(): string {
  try {
    return publicOrigin();
  } catch (error) {
    console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

export async function prepareDatabaseOrExit(): Promise<void> {
  try {
    const { applied } = await prepareDatabase();
    if (applied.length > 0) console.log(`Dead Air: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  } catch (error) {
    console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** `next start` run directly (not through `npm start`) makes the first admin too. */
export async function firstAdminOrExit(): Promise<void> {
  try {
    await announceFirstAdmin(publicOriginOrExit());
  } catch (error) {
    console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
