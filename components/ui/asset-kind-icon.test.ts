import { describe, expect, it } from "vitest";
import { ASSET_KIND_ICONS, assetKindIconSvg, assetKindIconUrl } from "./asset-kind-icon";

describe("asset kind icons as images", () => {
  it("every kind's icon keeps its lucide shapes, stroked in the colour asked for", () => {
    for (const kind of [...Object.keys(ASSET_KIND_ICONS), "something_else"]) {
      const svg = assetKindIconSvg(kind, "#2563eb");
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* stroke="#2563eb"/);
      expect(svg).toMatch(/<(path|ellipse|circle|rect|line|polyline|polygon) /);
      expect(svg).not.toContain("key=");
    }
  });

  it("the table icon is lucide's database", () => {
    expect(assetKindIconSvg("table", "#000")).toContain('<ellipse cx="12" cy="5" rx="9" ry="3"/>');
  });

  it("is a CSS url with the SVG encoded, the same string for the same kind and colour", () => {
    const url = assetKindIconUrl("stream", "#16a34a");
    expect(url.startsWith('url("data:image/svg+xml,%3Csvg')).toBe(true);
    expect(url.slice(5, -2)).not.toMatch(/[#<>"]/);
    expect(assetKindIconUrl("stream", "#16a34a")).toBe(url);
  });
});
