import { handleRead } from "@/lib/auth/guard";
import { exportKind } from "@/lib/api/download";
import { exportResponse } from "@/lib/api/export-response";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleRead(request, async () => {
    const url = new URL(request.url);
    return exportResponse([(await params).slug], exportKind(url));
  });
}
