import { handle, pageParams, parseInput, readJsonObject } from "@/lib/api/http";
import { createEvent } from "@/lib/data/event-writes";
import { listEvents } from "@/lib/data/reads";
import { EventInput } from "@/lib/validation/event";

export async function GET(request: Request) {
  return handle(async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listEvents(limit, cursor));
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const input = parseInput(EventInput, await readJsonObject(request));
    const event = await createEvent(input);
    return Response.json(event, { status: 201, headers: { Location: `/api/events/${event.slug}` } });
  });
}
