// Building blocks of the input schemas: how a typed string becomes a value, and the message when it cannot.
// Each field first checks the length of the value as sent, so that no trim, pattern or parser reads more than a few
// thousand characters of it; and every pattern here runs in linear time, without quantifiers that overlap.
import { z } from "zod";

/**
 * A text as sent may be twice as long as what is kept (room for the spaces around it) and no longer: beyond, it is
 * refused before it is trimmed, so that a megabyte of spaces costs no more than a megabyte of anything else.
 */
export const sentMax = (max: number) => 2 * max;

/** The longest number, id, version or date anyone types: "-1.7976931348623157e+308" is 24 characters. */
export const NUMBER_MAX_CHARS = 40;
/** The longest value of a list of choices worth reading; every option is far shorter. */
const CHOICE_MAX_CHARS = 100;

/**
 * `schema` behind a check of the value as sent: a string longer than `cap` is refused with `message` before anything
 * else reads it; within the cap, with `blankIsMissing`, one of spaces only means "not given".
 */
export function sent<S extends z.ZodType>(schema: S, cap: number, message: string, blankIsMissing = true) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== "string") return value;
    if (value.length > cap) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return blankIsMissing && value.trim() === "" ? undefined : value;
  }, schema);
}

/** An unpaired UTF-16 surrogate: JSON can carry one ("\ud800"), but it is no character, and storing it fails. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Control characters (C0, DEL and C1): a name or a one-line value holds none; a text may hold tabs and line breaks. */
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;

export function isOneLine(text: string): boolean {
  return !CONTROL.test(text);
}

const wellFormed = (label: string) => [isWellFormed, { error: `${label} holds a broken character (an unpaired UTF-16 surrogate).` }] as const;
const oneLine = (label: string) => [isOneLine, { error: `${label} must be one line, without control characters.` }] as const;
const textControls = (label: string) =>
  [
    (text: string) => !CONTROL_BUT_LINE_BREAKS.test(text),
    { error: `${label} holds a control character (only tabs and line breaks are allowed).` },
  ] as const;

/** A name (one line, no control characters) or a text (tabs and line breaks allowed). */
type Lines = "name" | "text";

const tooLong = (label: string, max: number) => `${label} must be at most ${max} characters.`;

/** The trimmed string, at most `max` long (nothing else is checked on a longer one), well formed, with its controls checked. */
function trimmedText(label: string, max: number, lines: Lines, required: boolean) {
  const base = z.string({ error: required ? `${label} is required.` : `${label} must be text.` }).trim();
  const [controls, controlError] = lines === "name" ? oneLine(label) : textControls(label);
  return (required ? base.min(1, { error: `${label} is required.` }) : base).max(max, { error: tooLong(label, max) }).pipe(
    z
      .string()
      .refine(...wellFormed(label))
      .refine(controls, controlError),
  );
}

function required(label: string, max: number, lines: Lines) {
  return sent(trimmedText(label, max, lines, true), sentMax(max), tooLong(label, max), false);
}

function optional(label: string, max: number, lines: Lines) {
  return sent(
    trimmedText(label, max, lines, false)
      .nullish()
      .transform((v) => v ?? null),
    sentMax(max),
    tooLong(label, max),
  );
}

function plain(label: string, max: number, lines: Lines) {
  return sent(
    trimmedText(label, max, lines, false)
      .optional()
      .transform((v) => v ?? ""),
    sentMax(max),
    tooLong(label, max),
  );
}

/** Required text; tabs and line breaks allowed. */
export const requiredText = (label: string, max: number) => required(label, max, "text");
/** Optional text: empty becomes null. */
export const optionalText = (label: string, max: number) => optional(label, max, "text");
/** Optional text kept as an empty string (columns that are never null). */
export const plainText = (label: string, max: number) => plain(label, max, "text");
/** A required name or title: one line, no control characters. */
export const requiredName = (label: string, max: number) => required(label, max, "name");
/** An optional name: empty becomes null. */
export const optionalName = (label: string, max: number) => optional(label, max, "name");
/** An optional name (or a list of names on one line) kept as an empty string. */
export const plainName = (label: string, max: number) => plain(label, max, "name");

// Digits with at most one point, then an exponent: no two quantifiers can take the same characters, so a failing
// match backtracks through the digits once, not once per split of them.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** Numbers typed as "8,000,000" or "8 000 000" are read as 8000000 (\s takes the no-break spaces too). */
function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cleaned = value.replace(/[\s,_]/g, "");
  if (cleaned === "") return undefined;
  return NUMBER.test(cleaned) ? Number(cleaned) : value;
}

/** A number as typed, at most NUMBER_MAX_CHARS long, then read by `schema`. */
function typedNumber<S extends z.ZodType>(schema: S, message: string) {
  return sent(z.preprocess(toNumber, schema), NUMBER_MAX_CHARS, message);
}

export function numberField(label: string) {
  return typedNumber(
    z
      .number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a number.`) })
      .refine(Number.isFinite, { error: `${label} must be a finite number.` }),
    `${label} must be a number of at most ${NUMBER_MAX_CHARS} characters.`,
  );
}

export function optionalNumberField(label: string) {
  return typedNumber(
    z
      .number({ error: `${label} must be a number.` })
      .refine(Number.isFinite, { error: `${label} must be a finite number.` })
      .nullish()
      .transform((v) => v ?? null),
    `${label} must be a number of at most ${NUMBER_MAX_CHARS} characters.`,
  );
}

/** An id picked from a list: a whole number from 1 up. */
export function idField(label: string) {
  return typedNumber(
    z
      .number({ error: (issue) => (issue.input === undefined ? `Pick a ${label.toLowerCase()}.` : `${label} is not a valid choice.`) })
      .int({ error: `${label} is not a valid choice.` })
      .min(1, { error: `${label} is not a valid choice.` }),
    `${label} is not a valid choice.`,
  );
}

export function optionalIdField(label: string) {
  return typedNumber(
    z
      .number({ error: `${label} is not a valid choice.` })
      .int({ error: `${label} is not a valid choice.` })
      .min(1, { error: `${label} is not a valid choice.` })
      .nullish()
      .transform((v) => v ?? null),
    `${label} is not a valid choice.`,
  );
}

/** What people read for an option, as the label maps of lib/domain give it: a string, or an entry's `label` or `form`. */
export type OptionLabel = string | { label: string } | { form: string };

function optionLabel(option: OptionLabel): string {
  return typeof option === "string" ? option : "label" in option ? option.label : option.form;
}

/**
 * One of a closed list. The refusal lists the options by `labels` where the list has them (the words forms show:
 * "Start delay", not start_delay), else by their keys, which are words already ("scheduled", "editor").
 */
export function choiceField<const T extends readonly [string, ...string[]]>(
  label: string,
  options: T,
  fallback?: T[number],
  labels?: Readonly<Record<T[number], OptionLabel>>,
) {
  const names = labels ? options.map((option: T[number]) => optionLabel(labels[option])) : options;
  const message = `${label} must be one of: ${names.join(", ")}.`;
  const schema = z.enum(options, { error: message });
  return sent(fallback === undefined ? schema : schema.default(fallback as never), CHOICE_MAX_CHARS, message);
}

/** A list of at most `max` items: a longer one is refused by its length, before any item is read. */
export function cappedList<S extends z.ZodType>(item: S, max: number, messages: { notList: string; tooMany: string }) {
  return z.preprocess(
    (value, ctx) => {
      if (!Array.isArray(value) || value.length <= max) return value;
      ctx.addIssue({ code: "custom", message: messages.tooMany });
      return z.NEVER;
    },
    z.array(item, { error: messages.notList }).max(max, { error: messages.tooMany }).default([]),
  );
}

/** A web address people can follow: http or https only (no javascript:, data: or file:). */
export function optionalUrl(label: string) {
  return sent(
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(2000, { error: tooLong(label, 2000) })
      .pipe(
        z
          .string()
          .refine(...wellFormed(label))
          .refine(...oneLine(label))
          .refine(isHttpUrl, { error: `${label} must be a web address starting with http:// or https://.` }),
      )
      .nullish()
      .transform((v) => v ?? null),
    sentMax(2000),
    tooLong(label, 2000),
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
export const versionField = typedNumber(
  z
    .number({ error: "The record's version is missing: reload the page and try again." })
    .int({ error: "The record's version must be a whole number." })
    .min(1, { error: "The record's version must be a whole number from 1 up." }),
  "The record's version must be a whole number.",
);

/** Today's date in UTC, YYYY-MM-DD: what a date reported is compared with. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The years a date may fall in: broadcasting's past and any plausible future; beyond is a typo (or worse). */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2199;

export function inYearRange(instant: Date): boolean {
  const year = instant.getUTCFullYear();
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

/** A calendar date, YYYY-MM-DD, optional; with `notFuture`, no later than today (UTC), as a date something was reported. */
export function optionalDate(label: string, { notFuture = false }: { notFuture?: boolean } = {}) {
  const real = z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
      error: `${label} is not a real date.`,
    })
    .refine((v) => inYearRange(new Date(`${v}T00:00:00Z`)), { error: `${label} must be in the years ${YEAR_MIN} to ${YEAR_MAX}.` });
  return sent(
    z
      .string({ error: `${label} must be a date.` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date written YYYY-MM-DD.` })
      // The checks of the day read it only once it is written as one; a pipe stops at the first issue without
      // marking it final, so that the object's rules over several fields still run (see ONE_PASS).
      .pipe(notFuture ? real.pipe(z.string().refine((v) => v <= todayUtc(), { error: `${label} cannot be in the future.` })) : real)
      .nullish()
      .transform((v) => v ?? null),
    NUMBER_MAX_CHARS,
    `${label} must be a date written YYYY-MM-DD.`,
  );
}

/**
 * A time as typed in a form (`YYYY-MM-DDTHH:mm`, read in the event's zone) or, from the API, an ISO instant with
 * its offset (`2024-08-13T00:00:00Z`). Checked and turned into an instant by resolveEventTimes.
 */
export function optionalDateTime(label: string) {
  const message = `${label} must be a date and time such as 2024-08-12T20:00.`;
  return sent(
    z
      .string({ error: `${label} must be a date and time.` })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?$/, { error: message })
      .nullish()
      .transform((v) => v ?? null),
    NUMBER_MAX_CHARS,
    message,
  );
}

/**
 * The options of an object's superRefine that checks several fields: run it on any object, whatever its fields hold. Zod
 * skips an object's refinements once any of its fields failed, so that a form would show their messages only after
 * the other fields were mended. Such a rule reads a field only when `readable` says it parsed; every field check
 * stops at its first issue with a pipe rather than `abort`, which would stop these rules as well.
 */
export const ONE_PASS = {
  when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
} as const;

/** Whether each field (a name, or a path such as ["stances", 2, "sourceId"]) parsed without an issue so far. */
export function readable(ctx: z.RefinementCtx, ...fields: (string | readonly PropertyKey[])[]): boolean {
  const paths = fields.map((f) => (typeof f === "string" ? [f] : f));
  return !ctx.issues.some((issue) => paths.some((path) => path.every((key, i) => issue.path?.[i] === key)));
}

export type FieldErrors = Record<string, string[]>;

/** Unknown fields named one by one, up to this many: a body of a hundred thousand is answered in a few lines. */
const UNKNOWN_FIELDS_NAMED = 20;

/** Every issue as a message under the field it concerns; unknown fields are named one by one (the first 20). */
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
      for (const key of issue.keys.slice(0, UNKNOWN_FIELDS_NAMED)) add(`${prefix}${clip(key)}`, "This field is not part of the input.");
      const more = issue.keys.length - UNKNOWN_FIELDS_NAMED;
      if (more > 0) add(`${prefix}_form`, `${more.toLocaleString("en-US")} more fields are not part of the input either.`);
    } else {
      add(issue.path.length ? issue.path.join(".") : "_form", issue.message);
    }
  }
  // A plain object again (spread defines even "__proto__" as an own key), as React and JSON expect.
  return { ...errors };
}

/** A value quoted in a message, cut to a length a person reads: a refusal never sends a megabyte back. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A correction's reason, shown in the correction log: one sentence or two. */
export const REASON_MAX = 500;
export const REASON_TOO_LONG = `Reason for the change must be at most ${REASON_MAX} characters.`;
