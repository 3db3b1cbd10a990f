import { handleRead, handleWrite } from "@/lib/auth/guard";
import { parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { deleteEvent, updateEvent } from "@/lib/data/event-writes";
import { getEventDetail, getEventOrThrow } from "@/lib/data/reads";
import { NotFoundError } from "@/lib/errors";
import { EventInput, EventUpdate } from "@/lib/validation/event";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => {
    const { slug } = await params;
    const event = await getEventDetail(slug);
    if (!event) throw new NotFoundError(`No event has the slug "${slug}".`);
    return Response.json(event);
  });
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    const { slug } = await params;
    const body = await readJsonObject(request);
    const existing = await getEventOrThrow(slug);
    const input = parseInput(EventUpdate, mergePatch(existing, body, Object.keys(EventInput.shape)));
    return Response.json(await updateEvent(slug, input, actor));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    const { slug } = await params;
    await deleteEvent(slug, actor);
    return new Response(null, { status: 204 });
  });
}
