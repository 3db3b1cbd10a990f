import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { getSourceOrThrow } from "@/lib/data/reads";
import { deleteSource, updateSource } from "@/lib/data/source-writes";
import { SourceInput, SourceUpdate } from "@/lib/validation/source";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getSourceOrThrow(idParam((await params).id, "source"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    const id = idParam((await params).id, "source");
    const body = await readJsonObject(request);
    const existing = await getSourceOrThrow(id);
    const input = parseInput(SourceUpdate, mergePatch(existing, body, Object.keys(SourceInput.shape)));
    return Response.json(await updateSource(id, input, actor));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    await deleteSource(idParam((await params).id, "source"), actor);
    return new Response(null, { status: 204 });
  });
}
