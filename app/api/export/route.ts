import { handleRead } from "@/lib/auth/guard";
import { exportKind } from "@/lib/api/download";
import { exportResponse } from "@/lib/api/export-response";

/** Every event on record, streamed. */
export async function GET(request: Request) {
  return handleRead(request, async () => {
    const url = new URL(request.url);
    return exportResponse("all", exportKind(url));
  });
}
