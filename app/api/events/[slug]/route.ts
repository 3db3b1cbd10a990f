import { handleRead, handleWrite } from "@/lib/auth/guard";
import { readJsonObject, takeReason } from "@/lib/api/http";
import { mergePatch } from "@/lib/validation/values";
import { deleteEvent, updateEvent } from "@/lib/data/event-writes";
import { getEventDetail, getEventOrThrow } from "@/lib/data/reads";
import { EventNotFoundError } from "@/lib/errors";
import { EventInput } from "@/lib/validation/event";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => {
    const { slug } = await params;
    const event = await getEventDetail(slug);
    if (!event) throw new EventNotFoundError(slug);
    return Response.json(event);
  });
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const { slug } = await params;
    const body = await readJsonObject(request);
    ctx.reason = takeReason(body);
    const existing = await getEventOrThrow(slug);
    return Response.json(await updateEvent({ ctx, slug, input: mergePatch(existing, body, Object.keys(EventInput.shape)) }));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    await deleteEvent({ ctx, slug: (await params).slug });
    return new Response(null, { status: 204 });
  });
}
