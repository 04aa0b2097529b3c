import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, UTF8_BOM } from "./csv.ts";

describe("csv", () => {
  it("quotes fields with commas, quotes and line breaks (RFC 4180), and leaves plain ones alone", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(3)).toBe("3");
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell(-2)).toBe("-2"); // a number is data
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes a document with a byte-order mark and CRLF line ends", () => {
    expect(csvDocument(["a", "b"], [["x", "é"], ["y", null]])).toBe(`${UTF8_BOM}a,b\r\nx,é\r\ny,\r\n`);
  });
});
