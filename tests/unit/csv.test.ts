import { describe, expect, it } from "vitest";
import { CSV_UTF8_BOM, csvCell, CsvParseError, csvRow, parseCsv, parseCsvRecords, restoreNeutralised, withByteOrderMark } from "@/lib/export/csv";

/** The CsvParseError that `run` throws, so that tests can check its line as well as its message. */
function csvError(run: () => unknown): CsvParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvParseError) return error;
    throw error;
  }
  throw new Error("expected a CsvParseError, nothing was thrown");
}

describe("csvCell and csvRow", () => {
  it("quotes commas, double quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('He said "DDoS"')).toBe('"He said ""DDoS"""');
    expect(csvCell("line one\r\nline two")).toBe('"line one\r\nline two"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvRow(["x", 1, null, true, false, undefined])).toBe("x,1,,true,false,\r\n");
  });

  it("quotes leading and trailing spaces so that spreadsheet programs keep them", () => {
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell(" leading")).toBe('" leading"');
    expect(csvCell("trailing ")).toBe('"trailing "');
    expect(csvCell("inner space")).toBe("inner space");
  });

  it("keeps French text with « » and accents as it is", () => {
    expect(csvCell("« une quarantaine de minutes » de retard")).toBe("« une quarantaine de minutes » de retard");
    expect(csvCell("Élysée, ça")).toBe('"Élysée, ça"');
  });

  it("neutralises every formula prefix in text cells, as OWASP advises", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+33 1 23 45 67 89")).toBe("'+33 1 23 45 67 89");
    expect(csvCell("-5 min")).toBe("'-5 min");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    expect(csvCell("\r=1+1")).toBe('"\'\r=1+1"');
    // Only the first character counts: text that merely contains these is left alone.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("'=already")).toBe("'=already");
  });

  it("leaves numbers as numbers, negative ones included, and writes nothing for what is not a number", () => {
    expect(csvCell(8_000_000)).toBe("8000000");
    expect(csvCell(0.1375)).toBe("0.1375");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Infinity)).toBe("");
    expect(csvCell(-Infinity)).toBe("");
    expect(csvCell(undefined)).toBe("");
    // The same value as text is neutralised: only numbers are trusted to be numbers.
    expect(csvCell("-5")).toBe("'-5");
  });
});

describe("parseCsv", () => {
  it("reads back what csvRow wrote, line breaks, quotes and accents included", () => {
    const rows = [
      ["slug", "quote", "value"],
      ["musk-trump-x-spaces-2024", 'a "massive cyber attack", they said\r\nthen « une quarantaine de minutes » de retard', "42"],
      ["desantis-twitter-spaces-2023", "Élysée, ça\nva", " spaced "],
      ["", "", ""],
    ];
    expect(parseCsv(rows.map((r) => csvRow(r)).join(""))).toEqual(rows);
  });

  it("reads back neutralised cells with their quote, which restoreNeutralised removes", () => {
    const texts = ["=1+1", "+33 1 23", "-5 min", "@handle", "\tindented", "\r=cmd"];
    const [cells] = parseCsv(csvRow(texts));
    expect(cells).toEqual(texts.map((t) => `'${t}`));
    expect(cells.map(restoreNeutralised)).toEqual(texts);
    // Numbers were never neutralised, so there is nothing to restore.
    expect(parseCsv(csvRow([-5, 0.1375]))).toEqual([["-5", "0.1375"]]);
  });

  it("accepts LF line ends, a byte-order mark and a last line without a line end", () => {
    expect(parseCsv(`${CSV_UTF8_BOM}a,b\nc,d`)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv('a,"x\ny"\n')).toEqual([["a", "x\ny"]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("keeps empty fields, and a quoted empty field as a record of its own", () => {
    expect(parseCsv('a,,b\r\n,\r\n""\r\n')).toEqual([["a", "", "b"], ["", ""], [""]]);
  });

  it("ignores blank lines at the end, but not between records, so record numbers stay true", () => {
    expect(parseCsv("a,b\r\n\r\n")).toEqual([["a", "b"]]);
    expect(parseCsv("a,b\n\n\n")).toEqual([["a", "b"]]);
    expect(parseCsv("a\r\n\r\nb\r\n")).toEqual([["a"], [""], ["b"]]);
  });

  it("says on which line a quoted field is never closed", () => {
    const error = csvError(() => parseCsv('a,b\r\nc,"open\r\nstill open'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/never closed/);
  });

  it("says on which line a quote stands inside a bare field, counting line breaks inside quoted fields", () => {
    expect(csvError(() => parseCsv('a,b"c')).line).toBe(1);
    expect(csvError(() => parseCsv('a,b"c')).message).toMatch(/Line 1: a quote inside a field/);
    expect(csvError(() => parseCsv('"x\r\ny",b\r\nc"d')).line).toBe(3);
    expect(csvError(() => parseCsv('"x\ny",b\nc"d')).line).toBe(3);
    expect(csvError(() => parseCsv('"x\ry",b\rc"d')).line).toBe(3);
    expect(csvError(() => parseCsv('"a"b')).line).toBe(1);
  });
});

describe("restoreNeutralised and parseCsvRecords", () => {
  it("removes one neutralising quote and leaves other text alone", () => {
    expect(restoreNeutralised("'=1+1")).toBe("=1+1");
    expect(restoreNeutralised("''=1+1")).toBe("''=1+1");
    expect(restoreNeutralised("'quoted'")).toBe("'quoted'");
    expect(restoreNeutralised("it's")).toBe("it's");
    expect(restoreNeutralised("")).toBe("");
  });

  it("keys each row by the trimmed header, numbering rows with the header as row 1", () => {
    const { header, rows } = parseCsvRecords(`${CSV_UTF8_BOM} slug ,value\r\n'=x,2\r\n'-y,-3\r\n`);
    expect(header).toEqual(["slug", "value"]);
    expect(rows).toEqual([
      { line: 2, values: { slug: "=x", value: "2" } },
      { line: 3, values: { slug: "-y", value: "-3" } },
    ]);
  });

  it("gives back what was exported: export, import, export writes the same file", () => {
    const header = ["slug", "quote", "value"];
    const data = [
      ["a", "=cmd|' /C calc'!A0", "8000000"],
      ["b", "« une quarantaine de minutes » de retard,\r\n@Élysée", "-5"],
    ];
    const file = CSV_UTF8_BOM + [header, ...data].map((r) => csvRow(r)).join("");
    const { rows } = parseCsvRecords(file);
    expect(rows.map((r) => header.map((h) => r.values[h]))).toEqual(data);
    expect(CSV_UTF8_BOM + [header, ...rows.map((r) => header.map((h) => r.values[h]))].map((r) => csvRow(r)).join("")).toBe(file);
  });

  it("refuses a row with more or fewer fields than the header, naming the row and both counts", () => {
    const more = csvError(() => parseCsvRecords("a,b\r\n1,2\r\n1,2,3\r\n"));
    expect(more.line).toBe(3);
    expect(more.message).toBe("Row 3 has 3 fields where the header has 2.");
    const fewer = csvError(() => parseCsvRecords("a,b\r\n1\r\n"));
    expect(fewer.line).toBe(2);
    expect(fewer.message).toMatch(/1 fields where the header has 2/);
    // A blank line between records is a record too, so the row named is the one a spreadsheet shows.
    expect(csvError(() => parseCsvRecords("a,b\r\n1,2\r\n\r\n3,4\r\n5\r\n")).line).toBe(3);
  });
});

describe("withByteOrderMark", () => {
  it("gives the same CSV after a UTF-8 byte-order mark (EF BB BF), its rows ending in CR LF, and it parses back the same", async () => {
    const rows = [csvRow(["event_title", "quote"]), csvRow(["Évènement", "« jusqu'à 8 millions »\nsur deux lignes"])];
    let file = "";
    for await (const chunk of withByteOrderMark(rows)) file += chunk;
    expect(file).toBe(CSV_UTF8_BOM + rows.join(""));
    expect([...new TextEncoder().encode(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Every record ends in CR LF; a line break inside a quoted cell is the cell's own.
    expect(file.endsWith("\r\n")).toBe(true);
    expect(file.replace(/"[^"]*"/g, "").match(/(?<!\r)\n/g)).toBeNull();
    expect(parseCsv(file)).toEqual(parseCsv(rows.join("")));
  });
});
