import { describe, expect, it } from "vitest";
import { describeMatches, foldForSearch, MAX_SEARCH_WORDS, parseSearch } from "@/lib/domain/search";

describe("foldForSearch", () => {
  it("drops case and accents, and unfolds letters NFD keeps whole", () => {
    expect(foldForSearch("Zoë MÜLLER à l'Élysée")).toBe("zoe muller a l'elysee");
    expect(foldForSearch("Łódź Øresund Đorđe")).toBe("lodz oresund dorde");
    expect(foldForSearch("e\u0301")).toBe("e");
    expect(foldForSearch("ﬁnal ＴＥＳＴ")).toBe("final test");
  });

  it("reads a lone surrogate as a replacement character rather than failing", () => {
    expect(foldForSearch("a\uD800b")).toBe("a\uFFFDb");
  });
});

describe("parseSearch", () => {
  it("splits on whitespace and control characters, counts a repeat once, and escapes LIKE's wildcards", () => {
    const terms = parseSearch("  Tyson\tTYSON 100%\u0000off_x \\ ");
    expect(terms.text).toBe("Tyson TYSON 100% off_x \\");
    expect(terms.words.map((w) => w.like)).toEqual(["%tyson%", "%100\\%%", "%off\\_x%", "%\\\\%"]);
    expect(terms.clipped).toBe(false);
  });

  it("takes a 4-digit word as a year too, and no other number", () => {
    expect(parseSearch("2024 202 20245 ２０２３").words.map((w) => w.year)).toEqual(["2024", null, null, "2023"]);
  });

  it("keeps at most the word limit and 200 characters, and says so", () => {
    const many = parseSearch(Array.from({ length: MAX_SEARCH_WORDS + 2 }, (_, i) => `w${i}`).join(" "));
    expect(many.words).toHaveLength(MAX_SEARCH_WORDS);
    expect(many.clipped).toBe(true);
    const long = parseSearch("y".repeat(300));
    expect(long.text).toHaveLength(200);
    expect(long.clipped).toBe(true);
    expect(parseSearch(null)).toEqual({ text: "", words: [], clipped: false });
  });
});

describe("describeMatches", () => {
  it("counts in words", () => {
    expect(describeMatches(0, "tyson")).toBe("No event matches “tyson”");
    expect(describeMatches(1, "tyson")).toBe("1 event matches “tyson”");
    expect(describeMatches(1234, "tyson")).toBe("1,234 events match “tyson”");
  });
});
