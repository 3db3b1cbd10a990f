import { handle, pageParams, parseInput, readJsonObject } from "@/lib/api/http";
import { listSources } from "@/lib/data/reads";
import { createSource } from "@/lib/data/source-writes";
import { SourceInput } from "@/lib/validation/source";

export async function GET(request: Request) {
  return handle(async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listSources(limit, cursor));
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const source = await createSource(parseInput(SourceInput, await readJsonObject(request)));
    return Response.json(source, { status: 201, headers: { Location: `/api/sources/${source.id}` } });
  });
}
