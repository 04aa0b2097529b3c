// The page frame every Zoneline PDF shares: paper size from Settings, a running
// header (organisation, title) and footer ("page x of y", generated at), both
// repeated on every page by react-pdf's `fixed`.
import type { ReactNode } from "react";
import { Document, Page, Text, View } from "@react-pdf/renderer";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { registerReportFonts } from "./fonts";
import { styles } from "./styles";

export interface ReportMeta {
  title: string;
  organisation: string;
  generatedAt: string;
  generatedBy: string;
  paperSize: PaperSize;
}

/** Printable area of one page, in points (A4 595×842, US Letter 612×792, minus the frame's margins). */
export function contentBox(paperSize: PaperSize): { width: number; height: number } {
  const [w, h] = paperSize === "LETTER" ? [612, 792] : [595.28, 841.89];
  return { width: w - 2 * 44, height: h - 2 * 54 };
}

export function ReportDocument({ meta, children }: { meta: ReportMeta; children: ReactNode }) {
  registerReportFonts();
  return (
    <Document title={`${meta.title} — ${meta.organisation}`} author={meta.generatedBy} creator="Zoneline" producer="Zoneline (react-pdf)" subject={meta.title} language="en">
      {children}
    </Document>
  );
}

/** One run of pages (react-pdf breaks a run into as many pages as its content needs). */
export function ReportPages({ meta, children, bookmark }: { meta: ReportMeta; children: ReactNode; bookmark?: string }) {
  return (
    <Page size={meta.paperSize === "LETTER" ? "LETTER" : "A4"} style={styles.page} bookmark={bookmark}>
      <View style={styles.header} fixed>
        <Text>{meta.organisation}</Text>
        <Text>{meta.title}</Text>
      </View>
      {children}
      <View style={styles.footer} fixed>
        <Text>Generated {meta.generatedAt.replace("T", " ").slice(0, 16)} UTC by {meta.generatedBy}</Text>
        <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </Page>
  );
}
