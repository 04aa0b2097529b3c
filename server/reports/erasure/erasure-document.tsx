// The erasure impact as a printable checklist: a thin rendering of
// lib/evidence/erasure.ts's report (the CSV checklist's rows), with an empty
// box per asset to tick once the deletion has been forwarded there.
import { Text, View } from "@react-pdf/renderer";
import { formatLabel } from "@/lib/engine/evaluate";
import { ERASURE_PDF_ROWS, erasureChecklistTable, type ErasureReport } from "@/lib/evidence/erasure";
import type { Label } from "@/lib/world/schema";
import { KeyValues, Paragraph, SectionHeading } from "../pdf/blocks";
import { ReportDocument, ReportPages, type ReportMeta } from "../pdf/frame";
import { COLORS, styles } from "../pdf/styles";

const count = (n: number) => n.toLocaleString("en-US");
/** Rows per react-pdf page run: its pagination re-lays out the rest of a run for every page it fills. */
const SLICE = 60;

// the checklist's own columns (lib/evidence/erasure.ts): Step, Asset id, Namespace, Name, Kind, Zone, Owner, Categories, Labels, Edges, Path
// owner under the asset's name, categories one per line: an e-mail or a category key is one word, and a
// word wider than its column would run over its neighbour (words are never hyphenated: ids print as they are)
const COLUMNS = [
  { header: "#", width: 0.5, align: "right" as const },
  { header: "Asset (id · namespace · kind, owner)", width: 4.0 },
  { header: "Zone", width: 2.1 },
  { header: "Derived labels (category, protection)", width: 4.2 },
  { header: "Path from the source", width: 4 },
  { header: "Done", width: 0.8 },
];

type Row = (string | number)[];

/**
 * A label per line: its category, then how it arrives (identified, pseudonymized or aggregated; consented),
 * in grey: a team forwarding a deletion needs to know whether the copy still identifies the person.
 */
function LabelLines({ labels }: { labels: readonly Label[] }) {
  if (labels.length === 0) return <Text>—</Text>;
  return (
    <Text>
      {labels.map((label, i) => (
        <Text key={`${label.category} ${label.qualifier} ${label.consented}`}>
          {i > 0 ? "\n" : ""}
          {label.category}
          <Text style={{ color: COLORS.muted }}>{` ${label.qualifier}${label.consented ? ", consented" : ""}`}</Text>
        </Text>
      ))}
    </Text>
  );
}

function ChecklistRows({ rows, labelsOf }: { rows: Row[]; labelsOf: (step: number) => readonly Label[] }) {
  return (
    <View style={styles.table}>
      <View style={styles.headRow} fixed minPresenceAhead={28}>
        {COLUMNS.map((column) => (
          <Text key={column.header} style={[styles.headCell, { flex: column.width, textAlign: column.align ?? "left" }]}>
            {column.header}
          </Text>
        ))}
      </View>
      {rows.map((row) => {
        const [step, id, namespace, name, kind, zone, owner, , , edges, path] = row;
        return (
          <View key={String(step)} style={styles.row} wrap={false}>
            <Text style={[styles.cell, { flex: COLUMNS[0].width, textAlign: "right" }]}>{step}</Text>
            <View style={{ flex: COLUMNS[1].width }}>
              <Text style={[styles.cell, { fontWeight: 600, paddingBottom: 0 }]}>{name}</Text>
              <Text style={[styles.cell, { color: COLORS.muted, paddingVertical: 0 }]}>{`${id}${namespace ? ` · ${namespace}` : ""}${kind ? ` · ${String(kind).replaceAll("_", " ")}` : ""}`}</Text>
              <Text style={[styles.cell, { color: COLORS.muted, paddingTop: 0 }]}>{`owner ${owner || "—"}`}</Text>
            </View>
            <Text style={[styles.cell, { flex: COLUMNS[2].width }]}>{zone || "no zone"}</Text>
            <View style={[styles.cell, { flex: COLUMNS[3].width }]}>
              <LabelLines labels={labelsOf(Number(step))} />
            </View>
            <Text style={[styles.cell, { flex: COLUMNS[4].width, color: COLORS.muted }]}>{step === 0 ? "the source itself: delete here first" : `${path} (${edges} edge${edges === 1 ? "" : "s"})`}</Text>
            <View style={{ flex: COLUMNS[5].width, paddingVertical: 3, paddingHorizontal: 3 }}>
              <View style={{ width: 9, height: 9, borderWidth: 0.8, borderColor: COLORS.ink }} />
            </View>
          </View>
        );
      })}
    </View>
  );
}

export function ErasureDocument({ report, meta }: { report: ErasureReport; meta: ReportMeta }) {
  const { source } = report;
  const all = erasureChecklistTable(report).rows;
  const printed = all.slice(0, ERASURE_PDF_ROWS + 1); // the source, then the assets nearest first
  const slices: Row[][] = [];
  for (let i = 0; i < printed.length; i += SLICE) slices.push(printed.slice(i, i + SLICE));
  const cut = all.length - printed.length;
  return (
    <ReportDocument meta={meta}>
      {slices.map((rows, index) => (
        <ReportPages key={index} meta={meta} bookmark={index === 0 ? "Erasure impact" : undefined}>
          {index === 0 ? (
            <View>
              <Text style={styles.h1}>Erasure impact: {source.name}</Text>
              <Paragraph muted>
                For a deletion request on the source asset below: every asset that holds data derived from it, by lineage and the policy engine's transforms (a label of the source that survives the edges' transforms on some path to the asset). Aggregated or pseudonymized copies still count; a flow that drops the labels (a drop or consent filter) does not. Delete at the source, then forward the request to each asset's owner and tick its box.
              </Paragraph>
              <KeyValues
                rows={[
                  ["Source asset", `${source.name} (${source.id})`],
                  ["Namespace, kind", `${source.namespace || "—"} · ${source.kind.replaceAll("_", " ") || "—"}`],
                  ["Zone", source.zone ? `${source.zone.name} (${source.zone.id})` : "no zone"],
                  ["Owner", source.owner ?? "—"],
                  ["Labels", source.labels.length ? source.labels.map(formatLabel).join(", ") : "none: no derived personal data can be followed from it"],
                  ["Assets holding derived data", count(report.rows.length)],
                  ["As of", `${report.generatedAt.replace("T", " ").slice(0, 16)} UTC (the world now)`],
                ]}
              />
              <SectionHeading>Checklist</SectionHeading>
              {report.rows.length === 0 ? <Paragraph>No other asset holds data derived from this one: either nothing flows out of it, or every flow drops its labels.</Paragraph> : null}
            </View>
          ) : (
            <Text style={styles.note}>Checklist, continued</Text>
          )}
          <ChecklistRows rows={rows} labelsOf={(step) => (step === 0 ? source.labels : (report.rows[step - 1]?.labels ?? []))} />
          {index === slices.length - 1 && cut > 0 ? <Paragraph>{`…and ${count(cut)} more assets, farther from the source: the CSV checklist lists them all. This PDF prints the source and the ${count(ERASURE_PDF_ROWS)} nearest assets.`}</Paragraph> : null}
        </ReportPages>
      ))}
    </ReportDocument>
  );
}
