import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, parseInput, readJsonObject } from "@/lib/api/http";
import { createEvent } from "@/lib/data/event-writes";
import { listEvents } from "@/lib/data/reads";
import { EventInput } from "@/lib/validation/event";

export async function GET(request: Request) {
  return handleRead(request, async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listEvents(limit, cursor));
  });
}

export async function POST(request: Request) {
  return handleWrite(request, async (actor) => {
    const input = parseInput(EventInput, await readJsonObject(request));
    const event = await createEvent(input, actor);
    return Response.json(event, { status: 201, headers: { Location: `/api/events/${event.slug}` } });
  });
}
