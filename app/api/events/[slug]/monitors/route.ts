// An event's monitors, for editors and write tokens: listed with their state, and added (a stream to listen to, or an
// audience count to poll). Their secrets go in and never come back out.
import { handleWrite } from "@/lib/auth/guard";
import { readJsonObject } from "@/lib/api/http";
import { createMonitor, listEventMonitors } from "@/lib/data/monitors";
import { nudgeMonitorWorker } from "@/lib/monitor/worker";

type Context = { params: Promise<{ slug: string }> };

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request, { params }: Context) {
  return handleWrite(request, async () => Response.json({ items: await listEventMonitors((await params).slug) }, { headers: NO_STORE }));
}

export async function POST(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const monitor = await createMonitor({ ctx, slug: (await params).slug, input: await readJsonObject(request) });
    nudgeMonitorWorker();
    return Response.json(monitor, { status: 201, headers: { ...NO_STORE, Location: `/api/monitors/${monitor.id}` } });
  });
}
