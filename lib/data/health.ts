// Liveness and database reachability for /api/health.
import { getDb } from "../db";

export type Health =
  | { status: "ok"; database: { reachable: true; events: number } }
  | { status: "unavailable"; database: { reachable: false; error: string } };

export async function getHealth(): Promise<Health> {
  try {
    const events = await getDb().event.count();
    return { status: "ok", database: { reachable: true, events } };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { status: "unavailable", database: { reachable: false, error: message } };
  }
}
