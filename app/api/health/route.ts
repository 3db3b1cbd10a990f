import { knownCaller } from "@/lib/auth/guard";
import { clientAddress } from "@/lib/auth/sign-in";
import { getHealth } from "@/lib/data/health";

export const dynamic = "force-dynamic";

/** A probe on this machine (the load balancer's or a supervisor's check) sees the details, as a signed-in caller does. */
const LOCAL = new Set(["127.0.0.1", "::1"]);

/**
 * 200 while the database can be read (status "degraded" when writes are refused), 503 when it cannot. Anyone learns
 * only that; the database's state, its migrations and the disk are for signed-in callers and local probes.
 */
export async function GET(request: Request) {
  const health = await getHealth();
  const detailed = LOCAL.has(clientAddress(request.headers)) || (await knownCaller(request)) !== null;
  return Response.json(detailed ? health : { status: health.status }, {
    status: health.status === "unavailable" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
