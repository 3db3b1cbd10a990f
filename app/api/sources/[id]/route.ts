import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, readJsonObject, takeReason } from "@/lib/api/http";
import { mergePatch } from "@/lib/validation/values";
import { getSourceOrThrow } from "@/lib/data/reads";
import { deleteSource, updateSource } from "@/lib/data/source-writes";
import { SourceInput } from "@/lib/validation/source";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getSourceOrThrow(idParam((await params).id, "source"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const id = idParam((await params).id, "source");
    const body = await readJsonObject(request);
    ctx.reason = takeReason(body);
    const existing = await getSourceOrThrow(id);
    return Response.json(await updateSource({ ctx, id, input: mergePatch(existing, body, Object.keys(SourceInput.shape)) }));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    await deleteSource({ ctx, id: idParam((await params).id, "source") });
    return new Response(null, { status: 204 });
  });
}
