// Headings, paragraphs and key-value lists shared by Zoneline PDFs.
import type { ReactNode } from "react";
import { Text, View } from "@react-pdf/renderer";
import { styles } from "./styles";

/** A section heading that never sits alone at the foot of a page. */
export function SectionHeading({ children, id, breakBefore = false }: { children: ReactNode; id?: string; breakBefore?: boolean }) {
  return (
    <Text style={styles.h2} minPresenceAhead={60} break={breakBefore} id={id}>
      {children}
    </Text>
  );
}

export function SubHeading({ children }: { children: ReactNode }) {
  return (
    <Text style={styles.h3} minPresenceAhead={70}>
      {children}
    </Text>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return <Text style={muted ? styles.note : styles.p}>{children}</Text>;
}

/** Label / value pairs, aligned; a value may be any text (or a mono hash). */
export function KeyValues({ rows, keyWidth = 130 }: { rows: [string, ReactNode][]; keyWidth?: number }) {
  return (
    <View style={{ marginBottom: 6 }}>
      {rows.map(([key, value]) => (
        <View key={key} style={styles.kvRow} wrap={false}>
          <Text style={[styles.kvKey, { width: keyWidth }]}>{key}</Text>
          <View style={styles.kvValue}>{typeof value === "string" || typeof value === "number" ? <Text style={styles.kvText}>{value}</Text> : value}</View>
        </View>
      ))}
    </View>
  );
}
