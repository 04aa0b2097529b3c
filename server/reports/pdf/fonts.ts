// The report font: Inter (SIL Open Font License 1.1, from @expo-google-fonts/inter;
// attribution in the README). No PDF library ships a font with full Unicode
// coverage, and the 14 standard PDF fonts cannot print "→" or "…"; react-pdf
// embeds only the glyphs a document uses (subset TTF), so a report stays small.
import { createRequire } from "node:module";
import { Font } from "@react-pdf/renderer";

export const REPORT_FONT = "Inter";
/** Hashes and signatures: a standard PDF font (nothing to embed), fixed width so columns of hex line up. */
export const MONO_FONT = "Courier";

const require = createRequire(import.meta.url);
let registered = false;

/** Registers Inter once per process (react-pdf keeps fonts in a module-level registry). */
export function registerReportFonts(): void {
  if (registered) return;
  const file = (weight: string) => require.resolve(`@expo-google-fonts/inter/${weight}/Inter_${weight}.ttf`);
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
