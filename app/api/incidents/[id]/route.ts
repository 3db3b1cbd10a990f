import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, readJsonObject, takeReason } from "@/lib/api/http";
import { mergePatch } from "@/lib/validation/values";
import { deleteIncident, updateIncident } from "@/lib/data/incident-writes";
import { getIncidentOrThrow } from "@/lib/data/reads";
import { INCIDENT_FIELDS } from "@/lib/validation/incident";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getIncidentOrThrow(idParam((await params).id, "incident"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const id = idParam((await params).id, "incident");
    const body = await readJsonObject(request);
    ctx.reason = takeReason(body);
    const existing = await getIncidentOrThrow(id);
    return Response.json(await updateIncident({ ctx, id, input: mergePatch(existing, body, INCIDENT_FIELDS, [["sourceId", "newSourceName"]]) }));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    await deleteIncident({ ctx, id: idParam((await params).id, "incident") });
    return new Response(null, { status: 204 });
  });
}
