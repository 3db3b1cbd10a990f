// An event's key moments: listed in time order, and added (a label and an instant, in the event's zone or with an offset).
import { handleRead, handleWrite } from "@/lib/auth/guard";
import { readJsonObject } from "@/lib/api/http";
import { createMoment } from "@/lib/data/moment-writes";
import { getMoments } from "@/lib/data/reads";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json({ items: await getMoments((await params).slug) }));
}

export async function POST(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const moment = await createMoment({ ctx, slug: (await params).slug, input: await readJsonObject(request) });
    return Response.json(moment, { status: 201, headers: { Location: `/api/moments/${moment.id}` } });
  });
}
