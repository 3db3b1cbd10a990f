import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, readJsonObject, takeReason } from "@/lib/api/http";
import { mergePatch } from "@/lib/validation/values";
import { getReportOrThrow } from "@/lib/data/reads";
import { deleteReport, updateReport } from "@/lib/data/report-writes";
import { REPORT_FIELDS } from "@/lib/validation/report";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getReportOrThrow(idParam((await params).id, "reported figure"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const id = idParam((await params).id, "reported figure");
    const body = await readJsonObject(request);
    ctx.reason = takeReason(body);
    const existing = await getReportOrThrow(id);
    return Response.json(await updateReport({ ctx, id, input: mergePatch(existing, body, REPORT_FIELDS, [["sourceId", "newSourceName"]]) }));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    await deleteReport({ ctx, id: idParam((await params).id, "reported figure") });
    return new Response(null, { status: 204 });
  });
}
