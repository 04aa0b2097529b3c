import { describe, expect, it } from "vitest";
import { GRAPHIC_CONTRAST, TEXT_CONTRAST, blend, contrastRatio, parseHex, readableShade, relativeLuminance, textOn } from "./contrast";

describe("contrast (WCAG 2.1)", () => {
  it("measures the ratios WCAG's own examples give", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // #777 on white is the classic "just under 4.5" grey; order of the two colours does not matter
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#777777")).toBeCloseTo(4.48, 2);
    expect(relativeLuminance("#fff")).toBeCloseTo(1, 5);
  });

  it("rejects what is not a hex colour, naming it", () => {
    expect(() => parseHex("red")).toThrow('"red"');
    expect(parseHex("#2563eb80")).toEqual([0x25, 0x63, 0xeb]);
  });

  it("blends a translucent tint over its background", () => {
    expect(blend("#000000", 0.5, "#ffffff")).toBe("#808080");
    expect(blend("#2563eb", 0, "#f8fafc")).toBe("#f8fafc");
  });

  it("keeps a colour that already reads, and darkens one that does not just enough, keeping its hue", () => {
    expect(readableShade("#1d4ed8", "#ffffff")).toBe("#1d4ed8");
    // a green zone (#16a34a, 3.3:1 on white) gets a darker green that reaches 4.5:1, and not much more
    const green = readableShade("#16a34a", "#ffffff");
    expect(contrastRatio(green, "#ffffff")).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(contrastRatio(green, "#ffffff")).toBeLessThan(4.8);
    const [r, g, b] = parseHex(green);
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);
  });

  it("zone names over every demo zone's own tint reach 4.5:1", () => {
    for (const color of ["#2563eb", "#16a34a", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#eab308", "#a3e635"]) {
      const background = blend(color, 0.1, "#f8fafc");
      expect(contrastRatio(readableShade(color, background), background)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
  });

  it("lightens instead on a dark background, and honours a lower target for graphics", () => {
    const light = readableShade("#1e3a8a", "#0f172a");
    expect(contrastRatio(light, "#0f172a")).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(relativeLuminance(light)).toBeGreaterThan(relativeLuminance("#1e3a8a"));
    const edge = readableShade("#94a3b8", "#f8fafc", GRAPHIC_CONTRAST);
    expect(contrastRatio(edge, "#f8fafc")).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
    expect(contrastRatio(edge, "#f8fafc")).toBeLessThan(TEXT_CONTRAST);
  });

  it("picks white or dark text for a filled pill", () => {
    expect(textOn("#dc2626")).toBe("#ffffff");
    expect(textOn("#fde047")).toBe("#0f172a");
  });
});
