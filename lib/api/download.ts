// Export downloads: the format from ?format=, the file name, and a streamed body with its headers.
import "server-only";
import { ValidationError } from "../errors";

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportFormat(url: URL): ExportFormat {
  const format = url.searchParams.get("format") ?? "json";
  if (format === "csv" || format === "json") return format;
  throw new ValidationError(`There is no export format "${format}".`, { format: ["Format must be csv or json."] });
}

/** "deadair-musk-trump-x-spaces-2024-and-1-more-2026-11-28.csv": what it holds and when it was taken. */
export function exportFileName(slugs: string[], format: ExportFormat, at: Date): string {
  const what = slugs.length === 0 ? "all-events" : slugs.length <= 2 ? slugs.join("_") : `${slugs[0]}-and-${slugs.length - 1}-more`;
  return `deadair-${what}-${at.toISOString().slice(0, 10)}.${format}`;
}

export function streamDownload(chunks: AsyncIterable<string>, format: ExportFormat, fileName: string): Response {
  // Pulled a piece at a time, so a slow reader holds back the database reads instead of filling memory.
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
