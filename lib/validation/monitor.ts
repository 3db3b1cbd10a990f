// A monitor as a form or the API sends it: what to watch, how often, when, and its secrets (kept, never sent back).
import { z } from "zod";
import { MONITOR_KIND_LABELS, MONITOR_KINDS, MONITOR_MODE_LABELS, MONITOR_MODES, parseJsonPointer } from "../domain/monitors";
import {
  choiceField,
  isHttpUrl,
  isOneLine,
  isWellFormed,
  NUMBER_MAX_CHARS,
  ONE_PASS,
  plainName,
  readable,
  requiredText,
  sent,
  versionField,
} from "./fields";

/** One poll a second at most: faster is no audience count, and an API's rate limit would stop it anyway. */
export const MIN_INTERVAL_SECONDS = 1;
export const MAX_INTERVAL_SECONDS = 3_600;
export const MAX_HEADERS = 20;

function wholeNumber(label: string, min: number, max: number, unit: string) {
  const message = `${label} must be a whole number of ${unit} from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}.`;
  return sent(
    z.preprocess(
      (v) => (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
      z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }).optional(),
    ),
    NUMBER_MAX_CHARS,
    message,
  ).optional();
}

const URL_MESSAGE = "URL must be a web address starting with http:// or https://.";

/** Whether the address carries a user name or password: those would show wherever the URL does. */
export function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    return false;
  }
}

const url = requiredText("URL", 2000).pipe(
  z
    .string()
    .refine(isOneLine, { error: "URL must be one line." })
    .refine(isHttpUrl, { error: URL_MESSAGE })
    .refine((u) => !hasCredentials(u), {
      error: "URL must not hold a user name or password: give them as a header or a bearer token, which stay secret.",
    }),
);

/** RFC 9110's token: the characters a header name is made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers that belong to the connection, not to the request's meaning: Dead Air sets them itself. */
const RESERVED_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "upgrade",
  "te",
  "trailer",
  "keep-alive",
  "proxy-connection",
]);

/** "Name: value" lines (a form's text area) or an object of names to values (the API), checked one by one. */
export function readHeaders(raw: unknown): { ok: true; headers: Record<string, string> } | { ok: false; error: string } {
  let entries: [string, unknown][];
  if (typeof raw === "string") {
    if (raw.length > 20_000) return { ok: false, error: "Headers must be at most 20,000 characters in all." };
    entries = [];
    // A line is never quoted back: it may hold the secret value.
    for (const [i, line] of raw.split(/\r?\n/).entries()) {
      if (line.trim() === "") continue;
      const colon = line.indexOf(":");
      if (colon <= 0) return { ok: false, error: `Headers must be one "Name: value" per line; line ${i + 1} has no name before a colon.` };
      entries.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  } else if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    entries = Object.entries(raw);
  } else {
    return { ok: false, error: 'Headers must be an object of names to values, such as {"X-Api-Key": "…"}.' };
  }
  if (entries.length > MAX_HEADERS) return { ok: false, error: `At most ${MAX_HEADERS} headers.` };
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [i, [name, value]] of entries.entries()) {
    // Nor is a name that is not one: it may be a value typed in the wrong place.
    if (!HEADER_NAME.test(name)) return { ok: false, error: `Header ${i + 1} has no valid name (letters, digits and -, at most 100).` };
    if (RESERVED_HEADERS.has(name.toLowerCase())) return { ok: false, error: `The header ${name} is set by Dead Air itself.` };
    if (seen.has(name.toLowerCase())) return { ok: false, error: `The header ${name} is given twice.` };
    seen.add(name.toLowerCase());
    if (typeof value !== "string") return { ok: false, error: `The value of the header ${name} must be text.` };
    if (value.length > 4000 || !isOneLine(value) || !isWellFormed(value))
      return { ok: false, error: `The value of the header ${name} must be one line of at most 4,000 characters.` };
    headers[name] = value;
  }
  return { ok: true, headers };
}

/** Undefined: keep what is stored; null or "": forget it; text: the new secret. */
const bearerToken = z.preprocess(
  (v) => (v === "" ? null : v),
  z
    .string({ error: "Bearer token must be text." })
    .trim()
    .max(4000, { error: "Bearer token must be at most 4,000 characters." })
    .refine((t) => isOneLine(t) && !/\s/.test(t) && isWellFormed(t), {
      error: "Bearer token must be one word, without spaces or control characters.",
    })
    .nullable()
    .optional(),
);

const headers = z
  .unknown()
  .transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    if (raw === null || raw === "") return null;
    const read = readHeaders(raw);
    if (!read.ok) {
      ctx.addIssue({ code: "custom", message: read.error });
      return z.NEVER;
    }
    return Object.keys(read.headers).length ? read.headers : null;
  })
  .optional();

const pointer = sent(
  z
    .string({ error: "JSON Pointer must be text." })
    .max(500, { error: "JSON Pointer must be at most 500 characters." })
    .refine((p) => parseJsonPointer(p.trim()) !== null, {
      error: "JSON Pointer must start with / and name the count, such as /data/audience (RFC 6901: ~0 is ~, ~1 is /).",
    })
    .transform((p) => p.trim())
    .nullish(),
  1000,
  "JSON Pointer must be at most 500 characters.",
)
  .optional()
  .transform((v) => v ?? null);

const mount = sent(
  z
    .string({ error: "Mount must be text." })
    .trim()
    .max(200, { error: "Mount must be at most 200 characters." })
    .transform((m) => (m.startsWith("/") ? m : `/${m}`))
    .refine((m) => /^\/[\w.~!$&'()*+,;=:@%/-]*$/.test(m) && m.length > 1, { error: "Mount must be a path such as /live." })
    .nullish(),
  400,
  "Mount must be at most 200 characters.",
)
  .optional()
  .transform((v) => v ?? null);

const fields = {
  kind: choiceField("Kind", MONITOR_KINDS, undefined, MONITOR_KIND_LABELS),
  url,
  mount,
  pointer,
  intervalSeconds: wholeNumber("Poll interval", MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS, "seconds"),
  mode: choiceField("Runs", MONITOR_MODES, "auto", MONITOR_MODE_LABELS),
  leadMinutes: wholeNumber("Start before the scheduled start", 0, 1_440, "minutes"),
  tailMinutes: wholeNumber("Keep going after the end", 0, 1_440, "minutes"),
  label: plainName("Label", 100),
  bearerToken,
  headers,
};

/** The rules over several fields, in the same pass as the fields' own (ONE_PASS). */
function checkMonitor(
  v: {
    kind?: string;
    mount?: string | null;
    pointer?: string | null;
    url?: string;
    bearerToken?: string | null;
    headers?: Record<string, string> | null;
  },
  ctx: z.RefinementCtx,
) {
  if (!readable(ctx, "kind")) return;
  if (v.kind === "icecast" && !v.mount && readable(ctx, "mount")) {
    ctx.addIssue({ code: "custom", path: ["mount"], message: "Mount is required for an Icecast audience: the mount to count, such as /live." });
  }
  if (v.kind === "json" && !v.pointer && readable(ctx, "pointer")) {
    ctx.addIssue({ code: "custom", path: ["pointer"], message: "JSON Pointer is required for a JSON audience count, such as /data/audience." });
  }
  if (v.kind === "x-spaces" && v.url && readable(ctx, "url") && spacesLookupUrl(v.url) === null) {
    ctx.addIssue({
      code: "custom",
      path: ["url"],
      message: "URL must be a Space's link (https://x.com/i/spaces/…) or its X API v2 lookup (https://api.x.com/2/spaces/…).",
    });
  }
  if (
    v.bearerToken &&
    v.headers &&
    Object.keys(v.headers).some((h) => h.toLowerCase() === "authorization") &&
    readable(ctx, "headers", "bearerToken")
  ) {
    ctx.addIssue({ code: "custom", path: ["headers"], message: "Give the token once: as the bearer token or as an Authorization header, not both." });
  }
}

export const MonitorInput = z.strictObject(fields).superRefine(checkMonitor, ONE_PASS);
export type MonitorInput = z.infer<typeof MonitorInput>;

export const MonitorUpdate = z.strictObject({ ...fields, version: versionField.optional() }).superRefine(checkMonitor, ONE_PASS);
export type MonitorUpdate = z.infer<typeof MonitorUpdate>;

/** The fields a PATCH merges over the stored monitor (its secrets are not among them: absent means kept). */
export const MONITOR_FIELDS = ["kind", "url", "mount", "pointer", "intervalSeconds", "mode", "leadMinutes", "tailMinutes", "label"] as const;

/**
 * The X API v2 lookup of a Space: a Space's link on x.com or twitter.com becomes https://api.x.com/2/spaces/<id>; an
 * address whose path already ends in /2/spaces/<id> is used as it is (another host serves the same API, a test's).
 */
export function spacesLookupUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^(www|mobile)\./, "");
  const link = /^\/i\/spaces\/([A-Za-z0-9]{1,40})\/?$/.exec(url.pathname);
  if ((host === "x.com" || host === "twitter.com") && link) return `https://api.x.com/2/spaces/${link[1]}`;
  const api = /^(.*\/2\/spaces\/[A-Za-z0-9]{1,40})\/?$/.exec(url.pathname);
  return api ? `${url.origin}${api[1]}` : null;
}
