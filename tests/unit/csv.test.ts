import { describe, expect, it } from "vitest";
import { csvCell, CsvParseError, csvRow, parseCsv, parseCsvRecords, restoreNeutralised } from "@/lib/export/csv";

describe("csvCell and csvRow", () => {
  it("quotes commas, double quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('He said "DDoS"')).toBe('"He said ""DDoS"""');
    expect(csvCell("line one\r\nline two")).toBe('"line one\r\nline two"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvRow(["x", 1, null, true])).toBe("x,1,,true\r\n");
  });

  it("keeps French text with « » and accents as it is", () => {
    expect(csvCell("« une quarantaine de minutes » de retard")).toBe("« une quarantaine de minutes » de retard");
    expect(csvCell("Élysée, ça")).toBe('"Élysée, ça"');
  });

  it("neutralises every formula prefix in text cells, as OWASP advises", () => {
    for (const prefix of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = csvCell(`${prefix}HYPERLINK("http://x")`);
      expect(cell.replace(/^"/, "").startsWith(`'${prefix}`)).toBe(true);
    }
  });

  it("leaves numbers as numbers, negative ones included, and writes nothing for what is not a number", () => {
    expect(csvCell(8_000_000)).toBe("8000000");
    expect(csvCell(0.1375)).toBe("0.1375");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Infinity)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("parseCsv", () => {
  it("reads back what csvRow wrote, line breaks, quotes and accents included", () => {
    const rows = [
      ["slug", "quote", "value"],
      ["musk-trump-x-spaces-2024", 'a "massive cyber attack", they said\r\nthen «silence»', "42"],
      ["desantis-twitter-spaces-2023", "", "-20"],
    ];
    expect(parseCsv(rows.map((r) => csvRow(r)).join(""))).toEqual([rows[0], rows[1], ["desantis-twitter-spaces-2023", "", "'-20"]]);
  });

  it("accepts LF line ends, a byte-order mark and a last line without a line end", () => {
    expect(parseCsv("\uFEFFa,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv('a,,b\r\n\r\n""\r\n\n')).toEqual([["a", "", "b"], [""]]);
  });

  it("says on which line a quoted field is never closed, or a quote stands inside a bare field", () => {
    expect(() => parseCsv('a,b\r\nc,"open\r\nstill open')).toThrow(CsvParseError);
    try {
      parseCsv('a,b\r\nc,"open\r\nstill open');
    } catch (error) {
      expect((error as CsvParseError).line).toBe(2);
    }
    expect(() => parseCsv('a,b"c')).toThrow(/Line 1: a quote inside a field/);
  });
});

describe("restoreNeutralised and parseCsvRecords", () => {
  it("gives back the original text of a neutralised cell, and leaves other text alone", () => {
    for (const text of ["=1+1", "+33 1 23", "-5 min", "@handle", "\tindented"]) {
      const [[cell]] = parseCsv(csvRow([text]));
      expect(restoreNeutralised(cell)).toBe(text);
    }
    expect(restoreNeutralised("'quoted'")).toBe("'quoted'");
  });

  it("keys each row by the header, numbering rows with the header as row 1", () => {
    const { header, rows } = parseCsvRecords("a,b\r\n=x,2\r\n'=y,3\r\n");
    expect(header).toEqual(["a", "b"]);
    expect(rows).toEqual([
      { line: 2, values: { a: "=x", b: "2" } },
      { line: 3, values: { a: "=y", b: "3" } },
    ]);
  });

  it("refuses a row whose number of fields differs from the header's, naming the row", () => {
    expect(() => parseCsvRecords("a,b\r\n1,2\r\n1,2,3\r\n")).toThrow("Row 3 has 3 fields where the header has 2.");
  });
});
