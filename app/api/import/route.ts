// POST the JSON or CSV export: ?preview=1 answers what would change without changing anything. With
// "Accept: application/x-ndjson" the answer is a stream of lines: how far the import has got, then its outcome.
import { handleWrite } from "@/lib/auth/guard";
import { mediaType, problemOf, readLimited } from "@/lib/api/http";
import { UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";
import { importMaxBytes } from "@/lib/import/parse";
import { detectKind, importText } from "@/lib/import/run";

/** `?preview=`: what would change, or the change itself. Any other value is refused, never read as "apply". */
const PREVIEW: Record<string, boolean> = { "1": true, true: true, "0": false, false: false, "": false };

/** Progress lines at most this often: a large file's import reports every event it passes. */
const PROGRESS_EVERY_MS = 200;

const REFUSED = "The file cannot be imported; nothing was changed.";

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
    const text = await readLimited(request, importMaxBytes());
    const kind = detectKind(text, type);
    if (!/application\/x-ndjson/i.test(request.headers.get("accept") ?? "")) {
      const outcome = await importText(text, kind, !preview, ctx);
      if (!outcome.ok) throw new ValidationError(REFUSED, outcome.errors);
      return Response.json({ applied: outcome.applied, summary: outcome.summary });
    }
    // Streamed: every line is a JSON object; the last one is the outcome, or the problem as the route would answer it.
    const encoder = new TextEncoder();
    // A client that goes away (a closed tab) stops hearing; the import goes on to its end, like any request's write.
    let listening = true;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (line: Record<string, unknown>) => {
          if (!listening) return;
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
          } catch {
            listening = false;
          }
        };
        let last = 0;
        send({ type: "progress", stage: "reading", done: 0, total: 0 });
        try {
          const outcome = await importText(text, kind, !preview, ctx, ({ done, total }) => {
            if (done < total && Date.now() - last < PROGRESS_EVERY_MS) return;
            last = Date.now();
            send({ type: "progress", stage: preview ? "checking" : "importing", done, total });
          });
          if (outcome.ok) send({ type: "result", applied: outcome.applied, summary: outcome.summary });
          else send({ ...problemOf(new ValidationError(REFUSED, outcome.errors)).body, type: "problem" });
        } catch (error) {
          send({ ...problemOf(error).body, type: "problem" });
        }
        if (listening) controller.close();
      },
      cancel() {
        listening = false;
      },
    });
    return new Response(body, {
      headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
    });
  });
}
