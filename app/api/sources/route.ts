import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, readJsonObject } from "@/lib/api/http";
import { listSources } from "@/lib/data/reads";
import { createSource } from "@/lib/data/source-writes";

export async function GET(request: Request) {
  return handleRead(request, async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listSources(limit, cursor));
  });
}

export async function POST(request: Request) {
  return handleWrite(request, async (ctx) => {
    const source = await createSource({ ctx, input: await readJsonObject(request) });
    return Response.json(source, { status: 201, headers: { Location: `/api/sources/${source.id}` } });
  });
}
