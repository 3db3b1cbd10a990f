import { exportFormat } from "@/lib/api/download";
import { exportResponse } from "@/lib/api/export-response";
import { handle } from "@/lib/api/http";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handle(async () => {
    const url = new URL(request.url);
    return exportResponse(url.origin, [(await params).slug], exportFormat(url));
  });
}
