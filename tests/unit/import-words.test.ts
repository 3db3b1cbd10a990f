// An import's refusals name what the file calls things: a CSV's columns (reported_on, figure_id), never the fields
// behind them (reportedOn), and choices by the words the forms use.
import { describe, expect, it } from "vitest";
import { parseImportCsv } from "@/lib/import/parse";

const HEADER = "event_slug,event_title,event_platform,metric,value,unit,qualifier,source,derived,reported_on,figure_id,scope,event_medium";

describe("a CSV import refused", () => {
  it("names the column of a date in the future and of an id that cannot be one", () => {
    const csv = `${HEADER}\r\nfight,Fight,Netflix,peak_streams,65000000,streams,exact,Netflix,no,2999-01-01,not an id!,global,video\r\n`;
    const result = parseImportCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(expect.arrayContaining(["row 2.reported_on", "row 2.figure_id"]));
    expect(JSON.stringify(result.errors)).not.toMatch(/reportedOn|\.key\b/);
  });

  it("says the unit a video event's audience takes, in words", () => {
    const csv = `${HEADER}\r\nfight,Fight,Netflix,peak_audience,108000000,listeners,exact,Netflix,no,,,global,video\r\n`;
    const result = parseImportCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors["row 2.unit"]).toEqual(['The unit of Peak audience for a video event is viewers ("viewers"), not listeners.']);
  });

  it("refuses the same figure twice in one file, naming both rows, and takes two days or two scopes", () => {
    const twice = `${HEADER}\r\nfight,Fight,Netflix,peak_streams,64000000,streams,exact,Netflix,no,2024-11-16,,global,video\r\nfight,Fight,Netflix,peak_streams,65000000,streams,exact,Netflix,no,2024-11-16,,global,video\r\n`;
    const refused = parseImportCsv(twice);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors["row 3"]?.[0]).toMatch(
        /^The same figure \(Peak concurrent streams from Netflix, reported on 2024-11-16\) is also at row 2/,
      );
    expect(parseImportCsv(twice.replace(/2024-11-16(,,global,video\r\n)$/, "2024-11-17$1")).ok).toBe(true);
    expect(parseImportCsv(twice.replace(/global(,video\r\n)$/, "United States$1")).ok).toBe(true);
  });
});
