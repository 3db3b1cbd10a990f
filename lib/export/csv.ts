// RFC 4180 CSV: cells written with formula injection neutralised (as OWASP advises), and a parser for imports.

export const CSV_UTF8_BOM = "\uFEFF";

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
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
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

export function parseCsv(text: string): string[][] {
  const input = text.startsWith(CSV_UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let quoteLine = 1;
  // Blank lines at the very end (often left by hand editing) are no records; blank lines between records are
  // records of one empty field, so that record numbers stay those a spreadsheet shows.
  let blankTail = 0;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = input[i + 1];
          if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
            throw new CsvParseError(`Line ${line}: a quoted field must end at a comma or a line end.`, line);
          }
        }
      } else {
        // A lone CR is a line end outside quotes too, so it counts as one here.
        if (ch === "\n" || (ch === "\r" && input[i + 1] !== "\n")) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted) throw new CsvParseError(`Line ${line}: a quote inside a field that is not quoted.`, line);
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (ch === ",") {
      row.push(field);
      field = "";
      fieldStarted = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      if (row.length === 1 && !fieldStarted) blankTail++;
      else blankTail = 0;
      row = [];
      field = "";
      fieldStarted = false;
      line++;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvParseError(`Line ${quoteLine}: a quoted field is never closed.`, quoteLine);
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
    return { line, values: Object.fromEntries(names.map((n, k) => [n, restoreNeutralised(cells[k])])) };
  });
  return { header: names, rows };
}
