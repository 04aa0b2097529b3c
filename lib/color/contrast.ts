// WCAG 2.1 contrast (success criteria 1.4.3 and 1.4.11), for colours that are data rather than theme tokens:
// zone colours chosen by reviewers, verdict colours drawn on the canvas. Pure: no React, no DOM.

/** Text: 4.5:1 (normal size) — WCAG 2.1 AA, 1.4.3. */
export const TEXT_CONTRAST = 4.5;
/** Graphical objects a reader needs (an edge's verdict colour): 3:1 — 1.4.11. */
export const GRAPHIC_CONTRAST = 3;

type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb` or `#rrggbbaa` (alpha ignored); anything else is an error naming the value. */
export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: "${hex}"`);
  let h = m[1];
  if (h.length === 3) h = [...h].map((c) => c + c).join("");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `fg` at opacity `alpha` painted over an opaque `bg` (what a translucent tint looks like on screen). */
export function blend(fg: string, alpha: number, bg: string): string {
  const f = parseHex(fg);
  const b = parseHex(bg);
  return toHex(f.map((v, i) => v * alpha + b[i] * (1 - alpha)) as Rgb);
}

/** `hex` mixed towards black by `amount` (0 = unchanged, 1 = black): the same hue, a darker shade. */
export function darken(hex: string, amount: number): string {
  return toHex(parseHex(hex).map((v) => v * (1 - amount)) as Rgb);
}

/**
 * The lightest shade of `color` (the colour itself, or mixed towards black) that reaches `min` contrast over
 * `background`, so a zone's or a verdict's colour keeps its hue and only gets as dark as it must. For a dark
 * background where darkening cannot help, the colour is mixed towards white instead.
 */
export function readableShade(color: string, background: string, min: number = TEXT_CONTRAST): string {
  if (contrastRatio(color, background) >= min) return toHex(parseHex(color));
  const towardsBlack = relativeLuminance(background) > 0.18;
  const target: Rgb = towardsBlack ? [0, 0, 0] : [255, 255, 255];
  const c = parseHex(color);
  // Binary search on the mix amount: contrast rises monotonically as the colour moves away from the background.
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    const shade = toHex(c.map((v, k) => v + (target[k] - v) * mid) as Rgb);
    if (contrastRatio(shade, background) >= min) hi = mid;
    else lo = mid;
  }
  // Rounding to whole channels may land a hair under: step on until it is really enough.
  let amount = hi;
  let shade = toHex(c.map((v, k) => v + (target[k] - v) * amount) as Rgb);
  while (contrastRatio(shade, background) < min && amount < 1) {
    amount = Math.min(1, amount + 0.01);
    shade = toHex(c.map((v, k) => v + (target[k] - v) * amount) as Rgb);
  }
  return shade;
}

/** White or near-black text, whichever reads better on a solid `background` (a pill filled with a data colour). */
export function textOn(background: string): "#ffffff" | "#0f172a" {
  return contrastRatio("#ffffff", background) >= contrastRatio("#0f172a", background) ? "#ffffff" : "#0f172a";
}
