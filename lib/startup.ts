// Server start-up (Node runtime only): prepare the database, or stop with one line that says why.
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
