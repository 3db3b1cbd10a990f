import { handleRead } from "@/lib/auth/guard";
import { exportKind } from "@/lib/api/download";
import { exportResponse } from "@/lib/api/export-response";
import { MAX_COMPARED, parseComparedSlugs } from "@/lib/domain/compare";
import { ValidationError } from "@/lib/errors";

export async function GET(request: Request) {
  return handleRead(request, async () => {
    const url = new URL(request.url);
    const kind = exportKind(url);
    const slugs = parseComparedSlugs(url.searchParams.getAll("events"));
    if (slugs.length === 0 || slugs.length > MAX_COMPARED) {
      const message = `Name from 1 to ${MAX_COMPARED} events, as ?events=a,b.`;
      throw new ValidationError(message, { events: [message] });
    }
    return exportResponse(slugs, kind);
  });
}
