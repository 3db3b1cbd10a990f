import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, readJsonObject } from "@/lib/api/http";
import { listReports } from "@/lib/data/reads";
import { createReport } from "@/lib/data/report-writes";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => {
    const { limit, cursor } = pageParams(new URL(request.url));
    return Response.json(await listReports((await params).slug, limit, cursor));
  });
}

export async function POST(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const report = await createReport({ ctx, slug: (await params).slug, input: await readJsonObject(request) });
    return Response.json(report, { status: 201, headers: { Location: `/api/reports/${report.id}` } });
  });
}
