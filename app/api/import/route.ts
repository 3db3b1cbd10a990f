import { handleWrite } from "@/lib/auth/guard";
import { readLimited } from "@/lib/api/http";
import { UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "@/lib/import/parse";
import { detectKind, importText } from "@/lib/import/run";

/** POST the JSON or CSV export; ?preview=1 answers what would change without changing anything. */
export async function POST(request: Request) {
  return handleWrite(request, async (ctx) => {
    const type = request.headers.get("content-type") ?? "";
    if (!/(json|csv|text\/plain)/i.test(type)) {
      throw new UnsupportedMediaTypeError('Send the export as "Content-Type: application/json" or "text/csv".');
    }
    const text = await readLimited(request, MAX_IMPORT_BYTES);
    const preview = new URL(request.url).searchParams.get("preview");
    const outcome = await importText(text, detectKind(text, type), !(preview === "1" || preview === "true"), ctx);
    if (!outcome.ok) throw new ValidationError("The file cannot be imported; nothing was changed.", outcome.errors);
    return Response.json({ applied: outcome.applied, summary: outcome.summary });
  });
}
