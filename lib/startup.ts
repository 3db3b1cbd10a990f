// Server start-up (Node runtime only): prepare the database, or stop with one line that says why.
import { announceFirstAdmin } from "./auth/first-admin";
import { prepareDatabase } from "./prepare";

export function prepareDatabaseOrExit(): void {
  try {
    const { applied } = prepareDatabase();
    if (applied.length > 0) console.log(`Dead Air: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  } catch (error) {
    console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** `next start` run directly (not through `npm start`) makes the first admin too. */
export async function firstAdminOrExit(): Promise<void> {
  try {
    await announceFirstAdmin(`http://${process.env.HOSTNAME || "localhost"}:${process.env.PORT || "3000"}`);
  } catch (error) {
    console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
