// Samples in (JSON, NDJSON or CSV batches of up to 10,000, with a write token) and out (a range, raw or rolled up).
import { handleRead, handleWrite } from "@/lib/auth/guard";
import { readLimited } from "@/lib/api/http";
import { readSamples, ingestSamples } from "@/lib/data/samples";
import { getEventOrThrow } from "@/lib/data/reads";
import { afterIngest } from "@/lib/live/monitoring";
import { UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";
import { readSampleBatch, type SampleFormat, SERIES_PATTERN } from "@/lib/validation/sample";
import type { FieldErrors } from "@/lib/validation/fields";

type Context = { params: Promise<{ slug: string }> };

/** 10,000 samples with long series names, as JSON, fit in 4 MB. */
const MAX_SAMPLE_BODY = 4 * 1024 * 1024;

function formatOf(type: string): SampleFormat {
  const media = type.split(";")[0].trim().toLowerCase();
  if (media === "application/json") return "json";
  if (media === "application/x-ndjson" || media === "application/ndjson" || media === "application/jsonl") return "ndjson";
  if (media === "text/csv") return "csv";
  throw new UnsupportedMediaTypeError('Send samples as "application/json", "application/x-ndjson" or "text/csv".');
}

export async function POST(request: Request, { params }: Context) {
  return handleWrite(request, async (ctx) => {
    const format = formatOf(request.headers.get("content-type") ?? "");
    const read = readSampleBatch(await readLimited(request, MAX_SAMPLE_BODY), format);
    if (!read.ok) throw new ValidationError("The samples cannot be read; none was stored.", read.errors);
    const result = await ingestSamples({ ctx, slug: (await params).slug, input: read.batch });
    afterIngest(result);
    return Response.json({ stored: result.stored, duplicates: result.duplicates }, { headers: { "Cache-Control": "no-store" } });
  });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function instantParam(url: URL, name: string, fallback: number, errors: FieldErrors): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const ms = raw.length <= 40 && INSTANT.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) errors[name] = [`${name === "from" ? "From" : "To"} must be an instant in ISO 8601, such as 2024-08-13T00:00:00Z.`];
  return ms;
}

export async function GET(request: Request, { params }: Context) {
  return handleRead(request, async () => {
    const url = new URL(request.url);
    const errors: FieldErrors = {};
    const from = instantParam(url, "from", 0, errors);
    const to = instantParam(url, "to", Date.now() + 86_400_000, errors);
    const rawSeries = url.searchParams.get("series");
    const series = rawSeries ? rawSeries.split(",").map((s) => s.trim()) : null;
    if (series && (series.length > 20 || series.some((s) => !SERIES_PATTERN.test(s))))
      errors.series = ["Series must be names such as listeners,loudness (at most 20)."];
    const rawResolution = url.searchParams.get("resolution") ?? "raw";
    const resolution = rawResolution === "raw" ? 0 : /^\d{2,6}$/.test(rawResolution) && Number(rawResolution) % 60 === 0 ? Number(rawResolution) : -1;
    if (resolution < 0) errors.resolution = ['Resolution must be "raw" or seconds per point in whole minutes (60, 300, 3600…).'];
    if (!errors.from && !errors.to && to <= from) errors.to = ["To must be after from."];
    if (Object.keys(errors).length) throw new ValidationError("Some query parameters are not valid.", errors);
    const event = await getEventOrThrow((await params).slug);
    const points = await readSamples(event.id, { from, to, series, resolution });
    const body = Object.fromEntries(
      Object.entries(points).map(([name, list]) => [
        name,
        list.map((p) =>
          resolution === 0
            ? { at: new Date(p.at).toISOString(), value: p.value }
            : { at: new Date(p.at).toISOString(), mean: p.value, min: p.min, max: p.max, count: p.count },
        ),
      ]),
    );
    return Response.json({
      event: event.slug,
      resolution: resolution === 0 ? "raw" : resolution,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      series: body,
    });
  });
}
