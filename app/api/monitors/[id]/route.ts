// One monitor, for editors and write tokens: read with its state, changed (a PATCH merges its fields over the monitor;
// "mode" starts and stops it by hand) or deleted (its probe stops within seconds).
import { handleWrite } from "@/lib/auth/guard";
import { idParam, readJsonObject } from "@/lib/api/http";
import { deleteMonitor, getMonitorOrThrow, updateMonitor } from "@/lib/data/monitors";
import { nudgeMonitorWorker } from "@/lib/monitor/worker";
import { MONITOR_FIELDS } from "@/lib/validation/monitor";
import { mergePatch } from "@/lib/validation/values";

type Context = { params: Promise<{ id: string }> };

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request, { params }: Context) {
  return handleWrite(request, async () => Response.json(await getMonitorOrThrow(idParam((await params).id, "monitor")), { headers: NO_STORE }));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const id = idParam((await params).id, "monitor");
    const body = await readJsonObject(request);
    const existing = await getMonitorOrThrow(id);
    const monitor = await updateMonitor({ ctx, id, input: mergePatch(existing, body, MONITOR_FIELDS) });
    nudgeMonitorWorker();
    return Response.json(monitor, { headers: NO_STORE });
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    await deleteMonitor({ ctx, id: idParam((await params).id, "monitor") });
    nudgeMonitorWorker();
    return new Response(null, { status: 204 });
  });
}
