import { getHealth } from "@/lib/data/health";

export const dynamic = "force-dynamic";

/** 200 while the database can be read (status "degraded" when writes are refused), 503 when it cannot. */
export async function GET() {
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === "unavailable" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
