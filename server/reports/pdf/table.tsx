// A table for Zoneline PDFs: the header row repeats at the top of every page the
// table runs onto (react-pdf `fixed` inside the wrapping view), and a row never
// breaks across pages (`wrap={false}`).
import type { ReactNode } from "react";
import { Text, View } from "@react-pdf/renderer";
import { styles } from "./styles";

export interface Column {
  header: string;
  /** a share of the table's width (flex grow) */
  width: number;
  align?: "left" | "right";
  mono?: boolean;
}

export type Cell = string | number | { text: string; color?: string; bold?: boolean };

export function Table({ columns, rows, empty }: { columns: Column[]; rows: Cell[][]; empty?: string }) {
  if (rows.length === 0) return empty ? <Text style={styles.note}>{empty}</Text> : null;
  return (
    <View style={styles.table}>
      {/* minPresenceAhead: a header never ends a page without a row under it */}
      <View style={styles.headRow} fixed minPresenceAhead={28}>
        {columns.map((column) => (
          <Text key={column.header} style={[styles.headCell, { flex: column.width, textAlign: column.align ?? "left" }]}>
            {column.header}
          </Text>
        ))}
      </View>
      {rows.map((row, index) => (
        <View key={index} style={styles.row} wrap={false}>
          {columns.map((column, c) => (
            <CellText key={column.header} cell={row[c]} column={column} />
          ))}
        </View>
      ))}
    </View>
  );
}

function CellText({ cell, column }: { cell: Cell; column: Column }): ReactNode {
  const value = typeof cell === "object" ? cell : { text: String(cell) };
  return (
    <Text
      style={[
        styles.cell,
        { flex: column.width, textAlign: column.align ?? "left" },
        column.mono ? styles.mono : {},
        value.color ? { color: value.color } : {},
        value.bold ? { fontWeight: 600 } : {},
      ]}
    >
      {value.text}
    </Text>
  );
}
