// Building blocks of the input schemas: how a typed string becomes a value, and the message when it cannot.
import { z } from "zod";

/** Form fields arrive as strings; an empty one means "not given". */
function blankToUndefined(value: unknown): unknown {
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

/** An unpaired UTF-16 surrogate: JSON can carry one ("\ud800"), but it is no character, and storing it fails. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const wellFormed = (label: string) => [isWellFormed, { error: `${label} holds a broken character (an unpaired UTF-16 surrogate).` }] as const;

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .refine(...wellFormed(label));
}

/** Optional text: empty becomes null. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, { error: `${label} must be at most ${max} characters.` })
      .refine(...wellFormed(label))
      .nullish()
      .transform((v) => v ?? null),
  );
}

/** Optional text kept as an empty string (columns that are never null). */
export function plainText(label: string, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, { error: `${label} must be at most ${max} characters.` })
      .refine(...wellFormed(label))
      .optional()
      .transform((v) => v ?? ""),
  );
}

/** Numbers typed as "8,000,000" or "8 000 000" are read as 8000000. */
function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cleaned = value.trim().replace(/[\s,_\u00a0\u202f]/g, "");
  if (cleaned === "") return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned) ? Number(cleaned) : value;
}

export function numberField(label: string) {
  return z.preprocess(
    toNumber,
    z
      .number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a number.`) })
      .refine(Number.isFinite, { error: `${label} must be a finite number.` }),
  );
}

export function optionalNumberField(label: string) {
  return z.preprocess(
    toNumber,
    z
      .number({ error: `${label} must be a number.` })
      .refine(Number.isFinite, { error: `${label} must be a finite number.` })
      .nullish()
      .transform((v) => v ?? null),
  );
}

/** An id picked from a list: a whole number from 1 up. */
export function idField(label: string) {
  return z.preprocess(
    toNumber,
    z
      .number({ error: (issue) => (issue.input === undefined ? `Pick a ${label.toLowerCase()}.` : `${label} is not a valid choice.`) })
      .int({ error: `${label} is not a valid choice.` })
      .min(1, { error: `${label} is not a valid choice.` }),
  );
}

export function optionalIdField(label: string) {
  return z.preprocess(
    toNumber,
    z
      .number({ error: `${label} is not a valid choice.` })
      .int({ error: `${label} is not a valid choice.` })
      .min(1, { error: `${label} is not a valid choice.` })
      .nullish()
      .transform((v) => v ?? null),
  );
}

export function choiceField<const T extends readonly [string, ...string[]]>(label: string, options: T, fallback?: T[number]) {
  const schema = z.enum(options, { error: `${label} must be one of: ${options.join(", ")}.` });
  return z.preprocess(blankToUndefined, fallback === undefined ? schema : schema.default(fallback as never));
}

/** A web address people can follow: http or https only (no javascript:, data: or file:). */
export function optionalUrl(label: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(2000, { error: `${label} must be at most 2000 characters.` })
      .refine(...wellFormed(label))
      .refine(isHttpUrl, { error: `${label} must be a web address starting with http:// or https://.` })
      .nullish()
      .transform((v) => v ?? null),
  );
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The version a form or client last saw; an update that carries an older one is refused. */
export const versionField = z.preprocess(
  toNumber,
  z
    .number({ error: "The record's version is missing: reload the page and try again." })
    .int({ error: "The record's version must be a whole number." })
    .min(1, { error: "The record's version must be a whole number from 1 up." }),
);

/** The years a date may fall in: broadcasting's past and any plausible future; beyond is a typo (or worse). */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2199;

export function inYearRange(instant: Date): boolean {
  const year = instant.getUTCFullYear();
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

/** A calendar date, YYYY-MM-DD, optional. */
export function optionalDate(label: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be a date.` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date written YYYY-MM-DD.` })
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
        error: `${label} is not a real date.`,
      })
      .refine((v) => inYearRange(new Date(`${v}T00:00:00Z`)), { error: `${label} must be in the years ${YEAR_MIN} to ${YEAR_MAX}.` })
      .nullish()
      .transform((v) => v ?? null),
  );
}

/**
 * A time as typed in a form (`YYYY-MM-DDTHH:mm`, read in the event's zone) or, from the API, an ISO instant with
 * its offset (`2024-08-13T00:00:00Z`). Checked and turned into an instant by resolveEventTimes.
 */
export function optionalDateTime(label: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be a date and time.` })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, {
        error: `${label} must be a date and time such as 2024-08-12T20:00.`,
      })
      .nullish()
      .transform((v) => v ?? null),
  );
}

export type FieldErrors = Record<string, string[]>;

/** Every issue as a message under the field it concerns; unknown fields are named one by one. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  // No prototype: an unknown field named "constructor" or "__proto__" is a key like any other.
  const errors: FieldErrors = Object.create(null);
  const add = (field: string, message: string) => {
    const messages = (errors[field] ??= []);
    if (!messages.includes(message)) messages.push(message);
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const prefix = issue.path.length ? `${issue.path.join(".")}.` : "";
      for (const key of issue.keys) add(`${prefix}${key}`, "This field is not part of the input.");
    } else {
      add(issue.path.length ? issue.path.join(".") : "_form", issue.message);
    }
  }
  // A plain object again (spread defines even "__proto__" as an own key), as React and JSON expect.
  return { ...errors };
}
