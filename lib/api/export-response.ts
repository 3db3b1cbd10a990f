// The download of some events (a comparison, one event) or of all of them, in CSV or JSON.
import "server-only";
import { getExportEvents, getExportSources, iterateEventsWithFigures, iterateExportEvents } from "../data/export";
import { NotFoundError } from "../errors";
import { clip } from "../validation/fields";
import { withByteOrderMark } from "../export/csv";
import { csvChunks, jsonChunks } from "../export/serialise";
import { publicOrigin } from "../http/origin";
import { EXPORTS, exportFileName, type ExportKind, streamDownload, WHOLE_EXPORTS } from "./download";

/** The download carries the permalink of what it holds, on the configured public origin (never the request's Host). */
export async function exportResponse(slugs: string[] | "all", kind: ExportKind): Promise<Response> {
  const release = (slugs === "all" ? WHOLE_EXPORTS : EXPORTS).take();
  try {
    return await download(slugs, kind, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function download(slugs: string[] | "all", kind: ExportKind, release: () => void): Promise<Response> {
  const { format } = kind;
  const now = new Date();
  const csv = (chunks: AsyncIterable<string>) => (kind.bom ? withByteOrderMark(chunks) : chunks);
  const origin = publicOrigin();
  if (slugs === "all") {
    const sources = await getExportSources("all");
    const permalink = `${origin}/api/export?format=${format}`;
    const chunks =
      format === "csv"
        ? csv(csvChunks(iterateEventsWithFigures(), sources))
        : jsonChunks({ generatedAt: now.toISOString(), permalink }, iterateExportEvents(), sources);
    return streamDownload(chunks, format, exportFileName([], kind, now), release);
  }
  const { events, unknown } = await getExportEvents(slugs);
  if (unknown.length > 0) {
    const message = `No event has the slug ${unknown.map((s) => `"${clip(s)}"`).join(", ")}.`;
    throw new NotFoundError(message, { events: [message] });
  }
  const sources = await getExportSources(events);
  const permalink = slugs.length === 1 ? `${origin}/events/${slugs[0]}` : `${origin}/compare?events=${slugs.join(",")}`;
  const chunks = format === "csv" ? csv(csvChunks(events, sources)) : jsonChunks({ generatedAt: now.toISOString(), permalink }, events, sources);
  return streamDownload(chunks, format, exportFileName(slugs, kind, now), release);
}
