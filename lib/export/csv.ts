// RFC 4180 CSV: cells written with formula injection neutralised (as OWASP advises), and a parser for imports.

export const CSV_UTF8_BOM = "\uFEFF";

/**
 * The CSV for spreadsheets: the same file after a UTF-8 byte-order mark. Excel opens a CSV without one in the
 * machine's legacy code page, so that "Évènement" comes out as "Ã‰vÃ¨nement"; with it, Excel reads UTF-8. The rows
 * already end in CR LF, as RFC 4180 and Excel both want; the import takes the file with the mark or without.
 */
export async function* withByteOrderMark(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  yield CSV_UTF8_BOM;
  yield* chunks;
}

// Spreadsheet programs run a cell that begins with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The inverse of the neutralising quote, for imports: "'=1+1" is read back as "=1+1". */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export class CsvParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvParseError";
  }
}

/** Line breaks in text[from, to), a CR LF pair counted once and a lone CR as one, as the parser counts them. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  for (let i = text.indexOf("\r", from); i !== -1 && i < to; i = text.indexOf("\r", i + 1)) if (text[i + 1] !== "\n") count++;
  return count;
}

// A run of characters with no meaning to CSV: taken whole, so that a megabyte of it is one step, not a million.
const PLAIN = /[^",\r\n]+/y;

export function parseCsv(text: string): string[][] {
  const input = text.startsWith(CSV_UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let fieldStarted = false;
  let line = 1;
  // Blank lines at the very end (often left by hand editing) are no records; blank lines between records are
  // records of one empty field, so that record numbers stay those a spreadsheet shows.
  let blankTail = 0;
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"') {
      if (fieldStarted) throw new CsvParseError(`Line ${line}: a quote inside a field that is not quoted.`, line);
      fieldStarted = true;
      const quoteLine = line;
      // The quoted text up to each quote, whole; a doubled quote is one quote and the field goes on.
      let from = i + 1;
      for (;;) {
        const close = input.indexOf('"', from);
        if (close === -1) throw new CsvParseError(`Line ${quoteLine}: a quoted field is never closed.`, quoteLine);
        line += lineBreaks(input, from, close);
        field += input.slice(from, close);
        if (input[close + 1] !== '"') {
          i = close + 1;
          break;
        }
        field += '"';
        from = close + 2;
      }
      const next = input[i];
      if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
        throw new CsvParseError(`Line ${line}: a quoted field must end at a comma or a line end.`, line);
      }
    } else if (ch === ",") {
      row.push(field);
      field = "";
      fieldStarted = false;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      i += ch === "\r" && input[i + 1] === "\n" ? 2 : 1;
      row.push(field);
      rows.push(row);
      if (row.length === 1 && !fieldStarted) blankTail++;
      else blankTail = 0;
      row = [];
      field = "";
      fieldStarted = false;
      line++;
    } else {
      PLAIN.lastIndex = i;
      const run = PLAIN.exec(input)![0];
      field = field === "" ? run : field + run;
      fieldStarted = true;
      i += run.length;
    }
  }
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
    blankTail = 0;
  }
  return blankTail > 0 ? rows.slice(0, rows.length - blankTail) : rows;
}

/** The header and one record per row (values keyed by column, neutralising quotes removed); `line` counts the header as 1. */
export function parseCsvRecords(text: string): { header: string[]; rows: { line: number; values: Record<string, string> }[] } {
  const [header = [], ...body] = parseCsv(text);
  const names = header.map((h) => h.trim());
  const rows = body.map((cells, i) => {
    const line = i + 2;
    if (cells.length !== names.length) {
      throw new CsvParseError(`Row ${line} has ${cells.length} fields where the header has ${names.length}.`, line);
    }
    // No prototype: a column named "__proto__" is a key like any other.
    const values: Record<string, string> = Object.create(null);
    for (let k = 0; k < names.length; k++) values[names[k]] = restoreNeutralised(cells[k]);
    return { line, values };
  });
  return { header: names, rows };
}
