import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { deleteIncident, updateIncident } from "@/lib/data/incident-writes";
import { getIncidentOrThrow } from "@/lib/data/reads";
import { INCIDENT_FIELDS, IncidentUpdate } from "@/lib/validation/incident";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getIncidentOrThrow(idParam((await params).id, "incident"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    const id = idParam((await params).id, "incident");
    const body = await readJsonObject(request);
    const existing = await getIncidentOrThrow(id);
    const input = parseInput(IncidentUpdate, mergePatch(existing, body, INCIDENT_FIELDS));
    return Response.json(await updateIncident(id, input, actor));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    await deleteIncident(idParam((await params).id, "incident"), actor);
    return new Response(null, { status: 204 });
  });
}
