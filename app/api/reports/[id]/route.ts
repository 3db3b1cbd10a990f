import { handle, idParam, parseInput, readJsonObject } from "@/lib/api/http";
import { mergePatch } from "@/lib/api/patch";
import { getReportOrThrow } from "@/lib/data/reads";
import { deleteReport, updateReport } from "@/lib/data/report-writes";
import { REPORT_FIELDS, ReportUpdate } from "@/lib/validation/report";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  return handle(async () => Response.json(await getReportOrThrow(idParam((await params).id, "reported figure"))));
}

export async function PATCH(request: Request, { params }: Context) {
  return handle(async () => {
    const id = idParam((await params).id, "reported figure");
    const body = await readJsonObject(request);
    const existing = await getReportOrThrow(id);
    const input = parseInput(ReportUpdate, mergePatch(existing, body, REPORT_FIELDS, [["sourceId", "newSourceName"]]));
    return Response.json(await updateReport(id, input));
  });
}

export async function DELETE(_request: Request, { params }: Context) {
  return handle(async () => {
    await deleteReport(idParam((await params).id, "reported figure"));
    return new Response(null, { status: 204 });
  });
}
