// The report font: Inter (SIL Open Font License 1.1, from @expo-google-fonts/inter;
// attribution in the README). No PDF library ships a font with full Unicode
// coverage, and the 14 standard PDF fonts cannot print "→" or "…"; react-pdf
// embeds only the glyphs a document uses (subset TTF), so a report stays small.
import { createRequire } from "node:module";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

export const REPORT_FONT = "Inter";
/** Hashes and signatures: a standard PDF font (nothing to embed), fixed width so columns of hex line up. */
export const MONO_FONT = "Courier";

// The package's folder, found at run time: a `require.resolve` of each .ttf would make Next's
// bundler try (and fail) to bundle every font file of the package.
const FONT_PACKAGE = "@expo-google-fonts/inter/package.json";
function fontDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(FONT_PACKAGE));
  } catch {
    return path.join(process.cwd(), "node_modules", "@expo-google-fonts", "inter");
  }
}
let registered = false;

/** Registers Inter once per process (react-pdf keeps fonts in a module-level registry). */
export function registerReportFonts(): void {
  if (registered) return;
  const dir = fontDir();
  const file = (weight: string) => path.join(dir, weight, `Inter_${weight}.ttf`);
  Font.register({
    family: REPORT_FONT,
    fonts: [
      { src: file("400Regular"), fontWeight: 400 },
      { src: file("400Regular_Italic"), fontWeight: 400, fontStyle: "italic" },
      { src: file("600SemiBold"), fontWeight: 600 },
      { src: file("700Bold"), fontWeight: 700 },
    ],
  });
  // Words are never hyphenated: ids and category keys must print as they are (a break inside
  // one prints a hyphen that is not in the id). Only a word too long for any cell (a hash, a
  // signature) is split into chunks, so it wraps instead of running over its neighbours.
  Font.registerHyphenationCallback((word) => (word.length > 96 ? (word.match(/.{1,64}/gu) ?? [word]) : [word]));
  registered = true;
}
