import { handleRead, handleWrite } from "@/lib/auth/guard";
import { idParam, parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { getReportOrThrow } from "@/lib/data/reads";
import { deleteReport, updateReport } from "@/lib/data/report-writes";
import { REPORT_FIELDS, ReportUpdate } from "@/lib/validation/report";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => Response.json(await getReportOrThrow(idParam((await params).id, "reported figure"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    const id = idParam((await params).id, "reported figure");
    const body = await readJsonObject(request);
    const existing = await getReportOrThrow(id);
    const input = parseInput(ReportUpdate, mergePatch(existing, body, REPORT_FIELDS, [["sourceId", "newSourceName"]]));
    return Response.json(await updateReport(id, input, actor));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handleWrite(request, async (actor) => {
    await deleteReport(idParam((await params).id, "reported figure"), actor);
    return new Response(null, { status: 204 });
  });
}
