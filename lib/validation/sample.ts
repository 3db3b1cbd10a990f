// Samples as collectors send them: one schema for a sample, read from JSON, NDJSON or CSV batches, every refusal
// naming the sample (its index or line) and the field.
import { z } from "zod";
import { parseCsv } from "../export/csv";
import type { FieldErrors } from "./fields";

/** One request carries at most this many samples. */
export const MAX_SAMPLES = 10_000;
/** A sample may be dated at most this far ahead (clocks drift; a day ahead is a mistake). */
const MAX_AHEAD_MS = 86_400_000;

/** Plain lowercase identifiers: listeners, loudness, stream_up, loudness_left. */
export const SERIES_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const SampleInput = z.strictObject({
  series: z
    .string({ error: "Series must be a name such as listeners, loudness or stream_up." })
    .max(63, { error: "Series must be at most 63 characters." })
    .regex(SERIES_PATTERN, { error: "Series must be a plain lowercase identifier (a–z, 0–9, _), such as loudness_left." }),
  at: z
    .string({ error: "At must be an instant in ISO 8601, such as 2024-08-13T00:42:05Z." })
    .max(40, { error: "At must be an instant in ISO 8601, such as 2024-08-13T00:42:05Z." })
    .regex(INSTANT, { error: "At must be an instant in ISO 8601 with its offset, such as 2024-08-13T00:42:05Z." })
    .transform((v, ctx) => {
      const ms = Date.parse(v);
      const year = Number(v.slice(0, 4));
      if (Number.isNaN(ms) || year < 1900) {
        ctx.addIssue({ code: "custom", message: "At is not a real instant." });
        return z.NEVER;
      }
      if (ms > Date.now() + MAX_AHEAD_MS) {
        ctx.addIssue({ code: "custom", message: "At lies more than a day in the future." });
        return z.NEVER;
      }
      return ms;
    }),
  value: z.number({ error: "Value must be a number." }).refine(Number.isFinite, { error: "Value must be a finite number." }),
});
export type SampleInput = z.infer<typeof SampleInput>;

export const SampleBatch = z.strictObject({
  samples: z
    .array(z.unknown(), { error: 'The body must be {"samples": [...]}.' })
    .min(1, { error: "Send at least one sample." })
    .max(MAX_SAMPLES, { error: `Send at most ${MAX_SAMPLES.toLocaleString("en-US")} samples a request.` }),
});

export type SampleFormat = "json" | "ndjson" | "csv";

/** Where a sample was in the request, as messages name it: samples[3] in JSON, line 4 in NDJSON and CSV. */
export interface RawBatch {
  samples: unknown[];
  where: (index: number) => string;
}

export type BatchRead = { ok: true; batch: RawBatch } | { ok: false; errors: FieldErrors };

/** The body of a request as raw samples (not yet checked), or why it cannot be read at all. */
export function readSampleBatch(text: string, format: SampleFormat): BatchRead {
  if (format === "json") {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, errors: { _body: ["The body is not valid JSON."] } };
    }
    const batch = SampleBatch.safeParse(body);
    if (!batch.success) return { ok: false, errors: { samples: batch.error.issues.map((i) => i.message) } };
    return { ok: true, batch: { samples: batch.data.samples, where: (i) => `samples[${i}]` } };
  }
  if (format === "ndjson") {
    const lines: { line: number; text: string }[] = [];
    text.split("\n").forEach((raw, i) => {
      if (raw.trim() !== "") lines.push({ line: i + 1, text: raw });
    });
    if (lines.length > MAX_SAMPLES)
      return { ok: false, errors: { samples: [`Send at most ${MAX_SAMPLES.toLocaleString("en-US")} samples a request.`] } };
    if (lines.length === 0) return { ok: false, errors: { samples: ["Send at least one sample."] } };
    const samples: unknown[] = [];
    for (const { line, text: json } of lines) {
      try {
        samples.push(JSON.parse(json));
      } catch {
        return { ok: false, errors: { [`line ${line}`]: ["This line is not a JSON object."] } };
      }
    }
    return { ok: true, batch: { samples, where: (i) => `line ${lines[i].line}` } };
  }
  const rows = parseCsvSafely(text);
  if (!rows.ok) return rows;
  const [header, ...body] = rows.rows;
  const names = (header ?? []).map((h) => h.trim().replace(/^\uFEFF/, ""));
  if (names.join(",") !== "series,at,value") return { ok: false, errors: { header: ['The header must be "series,at,value".'] } };
  if (body.length === 0) return { ok: false, errors: { samples: ["Send at least one sample."] } };
  if (body.length > MAX_SAMPLES)
    return { ok: false, errors: { samples: [`Send at most ${MAX_SAMPLES.toLocaleString("en-US")} samples a request.`] } };
  const samples = body.map(([series, at, value]) => ({ series: series?.trim(), at: at?.trim(), value: csvNumber(value) }));
  return { ok: true, batch: { samples, where: (i) => `line ${i + 2}` } };
}

function parseCsvSafely(text: string): { ok: true; rows: string[][] } | { ok: false; errors: FieldErrors } {
  try {
    return { ok: true, rows: parseCsv(text) };
  } catch (error) {
    return { ok: false, errors: { _body: [(error as Error).message] } };
  }
}

/** A CSV cell as a number; anything that is not one stays as it is, so the schema names it. */
function csvNumber(cell: string | undefined): unknown {
  const trimmed = cell?.trim() ?? "";
  if (trimmed === "" || trimmed.length > 40 || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed))
    return trimmed === "" ? undefined : trimmed;
  return Number(trimmed);
}

/** Every sample checked with the one schema; the first refusals name where they are ("samples[3].at", "line 4.value"). */
export function checkSamples(batch: RawBatch): { ok: true; samples: SampleInput[] } | { ok: false; errors: FieldErrors } {
  const samples: SampleInput[] = [];
  const errors: FieldErrors = {};
  let refused = 0;
  for (let i = 0; i < batch.samples.length; i++) {
    const result = SampleInput.safeParse(batch.samples[i]);
    if (result.success) {
      samples.push(result.data);
      continue;
    }
    // A batch of 10,000 bad samples answers with the first few, not 10,000 messages.
    if (++refused > 20) continue;
    for (const issue of result.error.issues) {
      const field = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path[0];
      const message =
        issue.code === "unrecognized_keys"
          ? "This field is not part of a sample."
          : issue.path.length
            ? issue.message
            : "Each sample must be an object: series, at, value.";
      (errors[field === undefined ? batch.where(i) : `${batch.where(i)}.${String(field)}`] ??= []).push(message);
    }
  }
  if (refused > 20) errors.samples = [`${refused} samples are refused; the first 20 are named.`];
  return refused ? { ok: false, errors } : { ok: true, samples };
}
