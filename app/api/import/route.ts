import { handleWrite } from "@/lib/auth/guard";
import { mediaType, readLimited } from "@/lib/api/http";
import { UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "@/lib/import/parse";
import { detectKind, importText } from "@/lib/import/run";

/** `?preview=`: what would change, or the change itself. Any other value is refused, never read as "apply". */
const PREVIEW: Record<string, boolean> = { "1": true, true: true, "0": false, false: false, "": false };

/** POST the JSON or CSV export; ?preview=1 answers what would change without changing anything. */
export async function POST(request: Request) {
  return handleWrite(request, async (ctx) => {
    const type = mediaType(request);
    if (!/json|csv|text\/plain/i.test(type)) {
      throw new UnsupportedMediaTypeError('Send the export as "Content-Type: application/json" or "text/csv".');
    }
    const given = new URL(request.url).searchParams.get("preview") ?? "";
    const preview = Object.hasOwn(PREVIEW, given) ? PREVIEW[given] : null;
    if (preview === null) {
      const message = "Preview must be 1 (or true) to see what would change, or 0 (or false, or absent) to import.";
      throw new ValidationError(message, { preview: [message] });
    }
    const text = await readLimited(request, MAX_IMPORT_BYTES);
    const outcome = await importText(text, detectKind(text, type), !preview, ctx);
    if (!outcome.ok) throw new ValidationError("The file cannot be imported; nothing was changed.", outcome.errors);
    return Response.json({ applied: outcome.applied, summary: outcome.summary });
  });
}
