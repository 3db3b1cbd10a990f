// Reading JSON text from outside: nesting is bounded before JSON.parse, whose time and memory grow with the depth.

/** Deeper than any body or export (an export's deepest value, a derived range's sources, is 6 levels down). */
export const MAX_JSON_DEPTH = 32;

// The characters of a string up to its closing quote or next escape, taken whole.
const STRING_RUN = /[^"\\]*/y;

/** Whether `text` opens more than `max` lists or objects inside one another, strings skipped; one pass, linear. */
export function isNestedDeeper(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: runs of plain characters, each escape with the character it escapes, up to the closing quote.
      for (i++; i < text.length; i++) {
        STRING_RUN.lastIndex = i;
        i += STRING_RUN.exec(text)![0].length;
        if (text.charCodeAt(i) === 0x22) break;
        i++;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** The value of JSON text, or why there is none: it does not parse, or it nests deeper than MAX_JSON_DEPTH. */
export function parseJson(text: string): JsonResult {
  if (isNestedDeeper(text)) return { ok: false, message: `Lists and objects are nested more than ${MAX_JSON_DEPTH} deep.` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
