import { handle, idParam, parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { getSourceOrThrow } from "@/lib/data/reads";
import { deleteSource, updateSource } from "@/lib/data/source-writes";
import { SourceInput, SourceUpdate } from "@/lib/validation/source";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  return handle(async () => Response.json(await getSourceOrThrow(idParam((await params).id, "source"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handle(async () => {
    const id = idParam((await params).id, "source");
    const body = await readJsonObject(request);
    const existing = await getSourceOrThrow(id);
    const input = parseInput(SourceUpdate, mergePatch(existing, body, Object.keys(SourceInput.shape)));
    return Response.json(await updateSource(id, input));
  });
}

export async function DELETE(_request: Request, { params }: Context) {
  return handle(async () => {
    await deleteSource(idParam((await params).id, "source"));
    return new Response(null, { status: 204 });
  });
}
