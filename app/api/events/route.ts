import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, readJsonObject } from "@/lib/api/http";
import { createEvent } from "@/lib/data/event-writes";
import { listEvents } from "@/lib/data/reads";

export async function GET(request: Request) {
  return handleRead(request, async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listEvents(limit, cursor));
  });
}

export async function POST(request: Request) {
  return handleWrite(request, async (ctx) => {
    const event = await createEvent({ ctx, input: await readJsonObject(request) });
    return Response.json(event, { status: 201, headers: { Location: `/api/events/${event.slug}` } });
  });
}
