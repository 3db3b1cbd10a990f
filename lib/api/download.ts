// Export downloads: the format from ?format=, the file name, and a streamed body with its headers.
import "server-only";
import { ServiceUnavailableError, ValidationError } from "../errors";
import { clip } from "../validation/fields";

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A download: its format and, for CSV, whether it starts with a byte-order mark (the "CSV for Excel", ?bom=1). */
export interface ExportKind {
  format: ExportFormat;
  bom: boolean;
}

const BOM_MESSAGE = "Bom must be 1 (the CSV for Excel, with a byte-order mark) or 0 (plain RFC 4180).";

/** ?format=csv|json (JSON when none) and ?bom=1|0 (or true|false; 0 when none), which only a CSV takes. */
export function exportKind(url: URL): ExportKind {
  const format = url.searchParams.get("format") ?? "json";
  if (format !== "csv" && format !== "json") {
    throw new ValidationError(`There is no export format "${clip(format)}".`, { format: ["Format must be csv or json."] });
  }
  const bom = url.searchParams.get("bom");
  if (bom === null || bom === "0" || bom === "false") return { format, bom: false };
  if (bom !== "1" && bom !== "true") throw new ValidationError(`There is no ?bom=${clip(bom)}.`, { bom: [BOM_MESSAGE] });
  // JSON never starts with a byte-order mark (RFC 8259): a parser may refuse one.
  if (format !== "csv") throw new ValidationError("A byte-order mark is for the CSV only.", { bom: ["Bom is for format=csv only."] });
  return { format, bom: true };
}

/**
 * "deadair-musk-trump-x-spaces-2024-and-1-more-2026-11-28.csv": what it holds and when it was taken; the CSV for
 * Excel says so ("…-2026-11-28-excel.csv").
 */
export function exportFileName(slugs: string[], kind: ExportKind, at: Date): string {
  const what = slugs.length === 0 ? "all-events" : slugs.length <= 2 ? slugs.join("_") : `${slugs[0]}-and-${slugs.length - 1}-more`;
  return `deadair-${what}-${at.toISOString().slice(0, 10)}${kind.bom ? "-excel" : ""}.${kind.format}`;
}

/**
 * A kind of heavy read that anyone may start: at most `max` run at once (each holds a read snapshot and a core while
 * it streams), and the next is told to come back rather than queued.
 */
export class HeavyReads {
  private running = 0;

  constructor(
    readonly max: number,
    private readonly busy: string,
  ) {}

  /** A slot, or a 503 with Retry-After; the returned function gives the slot back (once, however often it is called). */
  take(): () => void {
    if (this.running >= this.max) throw new ServiceUnavailableError(this.busy, 30);
    this.running++;
    let held = true;
    return () => {
      if (held) this.running--;
      held = false;
    };
  }

  get active(): number {
    return this.running;
  }
}

export const WHOLE_EXPORTS = new HeavyReads(2, "Two downloads of the whole database are already running; try again in a minute.");
export const EXPORTS = new HeavyReads(8, "Many downloads are running just now; try again in a minute.");

/** How long one download may keep its read snapshot open (DEADAIR_EXPORT_MAX_SECONDS, default 300: 45 MB at 1.2 Mbit/s). */
export function exportDeadlineMs(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env.DEADAIR_EXPORT_MAX_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 300) * 1000;
}

/**
 * The body, pulled a piece at a time so that a slow reader holds back the database reads instead of filling memory.
 * `release` runs when the download ends in any way; past the deadline the reads are closed and the download is cut
 * off, so that no reader keeps a snapshot (and SQLite's log) open for ever.
 */
export function streamDownload(chunks: AsyncIterable<string>, format: ExportFormat, fileName: string, release: () => void = () => {}): Response {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const deadline = Date.now() + exportDeadlineMs();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (Date.now() > deadline) {
          await iterator.return?.(undefined);
          release();
          controller.error(new Error(`The download took longer than ${exportDeadlineMs() / 1000} s and was stopped.`));
          return;
        }
        const { done, value } = await iterator.next();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(encoder.encode(value));
      } catch (error) {
        release();
        throw error;
      }
    },
    async cancel() {
      release();
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
