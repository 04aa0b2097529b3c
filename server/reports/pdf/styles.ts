// One palette and type scale for every Zoneline PDF (audit report, and the
// record of processing and erasure impact sections the lead adds later).
import { StyleSheet } from "@react-pdf/renderer";
import { MONO_FONT, REPORT_FONT } from "./fonts";

export const COLORS = {
  ink: "#0f172a",
  muted: "#475569",
  faint: "#94a3b8",
  rule: "#cbd5e1",
  band: "#f1f5f9",
  brand: "#1d4ed8",
  violation: "#dc2626",
  sanctioned: "#16a34a",
  permitted: "#64748b",
  unreviewed: "#d97706",
  warning: "#b45309",
  ok: "#15803d",
};

/** Body text 9 pt, tables 7.5 pt: the smallest text printed is 7 pt (readable on paper). */
export const styles = StyleSheet.create({
  // no lineHeight on the page: inherited by the footer's dynamic "page x of y" text, it makes react-pdf 4.9 drop it
  // Inter's contextual alternates and ligatures cost most of the render time (fontkit runs its GSUB
  // lookups on every text run) and change nothing a report needs; kerning stays on
  page: { fontFeatureSettings: { calt: false, ccmp: false, locl: false, rlig: false, rclt: false, clig: false, liga: false, mark: false, mkmk: false }, fontFamily: REPORT_FONT, fontSize: 9, color: COLORS.ink, paddingTop: 54, paddingBottom: 54, paddingHorizontal: 44 },
  header: { position: "absolute", top: 22, left: 44, right: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: COLORS.muted, borderBottomWidth: 0.5, borderBottomColor: COLORS.rule, paddingBottom: 4 },
  footer: { position: "absolute", bottom: 22, left: 44, right: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: COLORS.muted, borderTopWidth: 0.5, borderTopColor: COLORS.rule, paddingTop: 4 },
  h1: { fontSize: 16, fontWeight: 700, marginBottom: 8, color: COLORS.ink },
  h2: { fontSize: 12, fontWeight: 700, marginTop: 12, marginBottom: 6, color: COLORS.brand },
  h3: { fontSize: 10, fontWeight: 600, marginTop: 8, marginBottom: 4 },
  // a unitless lineHeight is resolved against the same style's fontSize (react-pdf's default 18 pt when unset), so each names both
  p: { fontSize: 9, lineHeight: 1.35, marginBottom: 5 },
  note: { lineHeight: 1.35, fontSize: 7.5, color: COLORS.muted, marginBottom: 4 },
  mono: { fontFamily: MONO_FONT, fontSize: 7.5 },
  table: { borderTopWidth: 0.5, borderTopColor: COLORS.rule, marginBottom: 6 },
  headRow: { flexDirection: "row", backgroundColor: COLORS.band, borderBottomWidth: 0.5, borderBottomColor: COLORS.rule },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: COLORS.rule },
  headCell: { lineHeight: 1.35, fontSize: 7.5, fontWeight: 600, paddingVertical: 3, paddingHorizontal: 3, color: COLORS.muted },
  cell: { lineHeight: 1.35, fontSize: 7.5, paddingVertical: 2.5, paddingHorizontal: 3 },
  kvRow: { flexDirection: "row", marginBottom: 2.5 },
  kvKey: { width: 130, color: COLORS.muted, fontSize: 9, lineHeight: 1.3 },
  kvValue: { flex: 1 },
  kvText: { fontSize: 9, lineHeight: 1.3 },
});
