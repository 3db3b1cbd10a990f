// A key moment by id: read, corrected (a PATCH merges its fields over the record) or deleted.
import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, readJsonObject, takeReason } from "@/lib/api/http";
import { deleteMoment, updateMoment } from "@/lib/data/moment-writes";
import { getMomentOrThrow } from "@/lib/data/reads";
import { mergePatch } from "@/lib/validation/values";
import { MOMENT_FIELDS } from "@/lib/validation/moment";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getMomentOrThrow(idParam((await params).id, "key moment"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const id = idParam((await params).id, "key moment");
    const body = await readJsonObject(request);
    ctx.reason = takeReason(body);
    const existing = await getMomentOrThrow(id);
    return Response.json(await updateMoment({ ctx, id, input: mergePatch(existing, body, MOMENT_FIELDS, [["sourceId", "newSourceName"]]) }));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    await deleteMoment({ ctx, id: idParam((await params).id, "key moment") });
    return new Response(null, { status: 204 });
  });
}
