import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, parseInput, readJsonObject } from "@/lib/api/http";
import { listSources } from "@/lib/data/reads";
import { createSource } from "@/lib/data/source-writes";
import { SourceInput } from "@/lib/validation/source";

export async function GET(request: Request) {
  return handleRead(request, async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listSources(limit, cursor));
  });
}

export async function POST(request: Request) {
  return handleWrite(request, async (actor) => {
    const source = await createSource(parseInput(SourceInput, await readJsonObject(request)), actor);
    return Response.json(source, { status: 201, headers: { Location: `/api/sources/${source.id}` } });
  });
}
