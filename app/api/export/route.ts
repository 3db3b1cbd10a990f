import { exportFormat } from "@/lib/api/download";
import { exportResponse } from "@/lib/api/export-response";
import { handle } from "@/lib/api/http";

/** Every event on record, streamed. */
export async function GET(request: Request) {
  return handle(async () => {
    const url = new URL(request.url);
    return exportResponse(url.origin, "all", exportFormat(url));
  });
}
