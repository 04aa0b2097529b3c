// The audit report as a PDF: a thin rendering of lib/evidence/audit-report.ts's
// view model with the shared machinery in server/reports/pdf.
import { Circle, G, Line, Polygon, Rect, Svg, Text as SvgText, Text, View } from "@react-pdf/renderer";
import { CHECKPOINT_ALGORITHM } from "@/lib/audit";
import { pictureFontSize, REPORT_LIMITS, type AuditReport, type CrossingRow, type ZonePicture, type ZoneSection } from "@/lib/evidence/audit-report";
import type { EdgeStatus } from "@/lib/graph/types";
import { violationKindLabel } from "@/lib/violation-labels";
import { KeyValues, Paragraph, SectionHeading, SubHeading } from "../pdf/blocks";
import { ReportDocument, ReportPages, type ReportMeta } from "../pdf/frame";
import { COLORS, styles } from "../pdf/styles";
import { Table } from "../pdf/table";
import { RopaPages, ropaScopeLabel } from "../ropa/ropa-document";

const day = (iso: string) => iso.slice(0, 10);
/** Rows per Page element of a long table (about two printed pages of the decision log). */
const TABLE_SLICE = 60;
/** At least one slice, so an empty table still prints its heading and "none". */
function slices<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out.length ? out : [[]];
}
const instant = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;
const count = (n: number) => n.toLocaleString("en-US");

const STATUS_COLOR: Record<EdgeStatus, string> = {
  violation: COLORS.violation,
  sanctioned: COLORS.sanctioned,
  permitted: COLORS.permitted,
  unreviewed: COLORS.unreviewed,
};

const VERDICT_TEXT: Record<CrossingRow["verdict"], { text: string; color: string }> = {
  violation: { text: "violation", color: COLORS.violation },
  sanctioned: { text: "sanctioned", color: COLORS.sanctioned },
  permitted: { text: "nothing flows", color: COLORS.permitted },
};

export function AuditReportDocument({ report }: { report: AuditReport }) {
  const meta: ReportMeta = { title: report.title, organisation: report.organisation, generatedAt: report.generatedAt, generatedBy: report.generatedBy, paperSize: report.paperSize };
  return (
    <ReportDocument meta={meta}>
      <ReportPages meta={meta} bookmark="Title page">
        <TitlePage report={report} />
      </ReportPages>
      <ReportPages meta={meta} bookmark="Executive summary">
        <Summary report={report} />
        <Picture picture={report.picture} />
      </ReportPages>
      {/* Each zone, and each slice of a long table, is a Page element of its own: react-pdf re-lays out
          the rest of a Page element for every page it fills, which grows with the square of its length. */}
      <ReportPages meta={meta} bookmark="Zones">
        <SectionHeading>Zones</SectionHeading>
        <Paragraph muted>
          Each zone as the current world (version {report.worldVersion}) defines it: its rules, purposes and mode, its assets, and every crossing of its boundary with the sanctioned path that covers it or the violation it is.
          Lists longer than the report prints are cut (violations first); the evidence bundle has them whole.
        </Paragraph>
        {report.zones.length === 0 ? <Paragraph>No zone is defined.</Paragraph> : <ZoneBlock zone={report.zones[0]} />}
      </ReportPages>
      {report.zones.slice(1).map((zone) => (
        <ReportPages key={zone.id} meta={meta} bookmark={`Zone: ${zone.name}`}>
          <ZoneBlock zone={zone} />
        </ReportPages>
      ))}
      {slices(report.decisions.rows, TABLE_SLICE).map((rows, index, all) => (
        <ReportPages key={`d${index}`} meta={meta} bookmark={index === 0 ? "Decision log" : undefined}>
          <DecisionLog report={report} rows={rows} first={index === 0} last={index === all.length - 1} />
        </ReportPages>
      ))}
      {slices(report.openViolations.rows, TABLE_SLICE / 2).map((rows, index, all) => (
        <ReportPages key={`v${index}`} meta={meta} bookmark={index === 0 ? "Open violations" : undefined}>
          <OpenViolations report={report} rows={rows} first={index === 0} last={index === all.length - 1} />
        </ReportPages>
      ))}
      <RopaPages record={report.ropa} meta={meta} scopeLabel={ropaScopeLabel(report.scope.allZones ? [] : report.scope.zones.map((zone) => zone.id))} inReport />
      <ReportPages meta={meta} bookmark="Appendix: verifying">
        <Appendix report={report} />
      </ReportPages>
    </ReportDocument>
  );
}

function TitlePage({ report }: { report: AuditReport }) {
  const { chain } = report;
  const zones = report.scope.allZones ? `All zones (${report.scope.zones.length}${report.scope.zones.length ? `: ${report.scope.zones.map((z) => z.name).join(", ")}` : ""})` : report.scope.zones.map((z) => `${z.name} (${z.id})`).join(", ");
  return (
    <View>
      <Text style={{ fontSize: 9, color: COLORS.muted, marginTop: 60, letterSpacing: 1 }}>ZONELINE · PRIVACY GOVERNANCE EVIDENCE</Text>
      <Text style={{ fontSize: 26, lineHeight: 1.25, fontWeight: 700, marginTop: 8 }}>{report.title}</Text>
      <Text style={{ fontSize: 14, lineHeight: 1.3, marginTop: 6, marginBottom: 28, color: COLORS.brand }}>{report.organisation}</Text>
      <KeyValues
        rows={[
          ["Period", `${day(report.scope.from)} – ${day(report.scope.to)} (${instant(report.scope.from)} to ${instant(report.scope.to)})`],
          ["Zones", zones || "none"],
          ["Generated", instant(report.generatedAt)],
          ["Generated by", report.generatedBy],
        ]}
      />
      <View style={{ marginTop: 18, padding: 10, borderWidth: 1, borderColor: chain.ok ? COLORS.ok : COLORS.violation, borderRadius: 3 }} wrap={false}>
        <Text style={{ fontSize: 11, fontWeight: 700, color: chain.ok ? COLORS.ok : COLORS.violation, marginBottom: 6 }}>
          {chain.ok ? `Audit chain verified: intact (${count(chain.entriesVerified)} entries re-hashed, every checkpoint checked)` : `Audit chain BROKEN at entry ${chain.problem!.sequence}`}
        </Text>
        {chain.problem ? <Paragraph>{`${chain.problem.kind}: ${chain.problem.message}.`}</Paragraph> : null}
        <KeyValues
          keyWidth={110}
          rows={[
            ["Chain head", chain.head ? `entry ${chain.head.sequence}` : "no entries"],
            ["Head hash", <Text style={styles.mono}>{chain.head?.hash ?? "—"}</Text>],
            ["Signed checkpoint", chain.checkpoint ? `entry ${chain.checkpoint.sequence}, signed ${instant(chain.checkpoint.signedAt)} (${CHECKPOINT_ALGORITHM})` : "none yet"],
            ["Checkpoint hash", <Text style={styles.mono}>{chain.checkpoint?.hash ?? "—"}</Text>],
            ["Signature (base64)", <Text style={[styles.mono, { fontSize: 7 }]}>{chain.checkpoint?.signature ?? "—"}</Text>],
            ["Signing key", <Text style={styles.mono}>{chain.checkpoint?.keyFingerprint ?? chain.publicKeyFingerprint}</Text>],
          ]}
        />
      </View>
      {report.noActivity ? (
        <View style={{ marginTop: 14, padding: 8, backgroundColor: COLORS.band }}>
          <Text style={{ fontWeight: 600 }}>No activity in this period.</Text>
          <Text style={styles.note}>No audit entry concerning these zones was written, and no violation opened or was resolved, between these dates. The zone sections still describe the world as it stands.</Text>
        </View>
      ) : null}
    </View>
  );
}

function Summary({ report }: { report: AuditReport }) {
  const s = report.summary;
  const rows: [string, string, string][] = [
    ["World (now)", "Assets in the zones covered", count(s.assets)],
    ["", "Lineage edges touching them", count(s.edges)],
    ["", "Boundary crossings", `${count(s.crossings)} (${count(s.crossingsSanctioned)} sanctioned, ${count(s.crossingsViolating)} violating)`],
    ["Sanctioned paths (period)", "Requested", count(s.paths.requested)],
    ["", "Approved", count(s.paths.approved)],
    ["", "Rejected", count(s.paths.rejected)],
    ["", "Revoked", count(s.paths.revoked)],
    ["", "Withdrawn by the requester", count(s.paths.withdrawn)],
    ["", "Expired", count(s.paths.expired)],
    ["Admission checks (period)", "Allowed", count(s.admission.allowed)],
    ["", "Denied", count(s.admission.denied)],
    ["", "Would have been denied (logging zones)", count(s.admission.wouldDeny)],
    ["Violations", "Open at the end of the period", count(s.violations.openAtEnd)],
    ["", "New in the period", count(s.violations.opened)],
    ["", "Resolved in the period", count(s.violations.resolved)],
    ["Audit log", "Entries written in the period", count(s.auditEntries)],
    ["", "Of which concern these zones", count(s.auditEntriesInScope)],
    ["", "Chain verification", report.chain.ok ? "intact" : `broken at entry ${report.chain.problem!.sequence} (${report.chain.problem!.kind})`],
  ];
  return (
    <View>
      <SectionHeading>Executive summary</SectionHeading>
      {report.noActivity ? <Paragraph>No activity in this period: the figures for the period are all zero.</Paragraph> : null}
      <Table
        columns={[
          { header: "Area", width: 3 },
          { header: "Figure", width: 5 },
          { header: "Value", width: 4, align: "right" },
        ]}
        rows={rows.map(([area, figure, value]) => [{ text: area, bold: true }, figure, value === "intact" ? { text: value, color: COLORS.ok, bold: true } : value.startsWith("broken") ? { text: value, color: COLORS.violation, bold: true } : value])}
      />
      <Paragraph muted>
        Period figures come from the audit log (each decision is one entry) and the stored evaluation history; the world figures describe the world as it stands at generation time, evaluated by the policy engine.
      </Paragraph>
    </View>
  );
}

function Picture({ picture }: { picture: ZonePicture }) {
  const font = pictureFontSize(picture);
  const name = (text: string, width: number) => {
    const max = Math.max(6, Math.floor(width / (font * 0.62)));
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  };
  return (
    <View wrap={false}>
      <SectionHeading>Zones and the flows between them</SectionHeading>
      <Paragraph muted>
        Zones as boxes, laid out by the graph page's layered layout; an arrow is every lineage edge from one zone to another, labelled with their number and coloured by the worst verdict among them.
        {picture.omittedZones ? ` ${picture.omittedZones} quieter zones are left out so that names stay readable; their crossings are in the zone sections.` : ""}
      </Paragraph>
      {picture.nodes.length === 0 ? (
        <Paragraph>No zone to draw.</Paragraph>
      ) : (
        <Svg width={picture.width + 8} height={picture.height + 8} viewBox={`-4 -4 ${picture.width + 8} ${picture.height + 8}`}>
          {picture.edges.map((edge) => (
            <Arrow key={`${edge.from}>${edge.to}`} points={edge.points} color={STATUS_COLOR[edge.status]} label={count(edge.count)} font={font} />
          ))}
          {picture.nodes.map((node) => (
            <G key={node.id}>
              <Rect x={node.x} y={node.y} width={node.w} height={node.h} rx={3} ry={3} fill="#ffffff" stroke={node.outside ? COLORS.faint : node.color} strokeWidth={1.2} strokeDasharray={node.outside ? "3,2" : undefined} />
              <Rect x={node.x} y={node.y} width={4} height={node.h} fill={node.outside ? COLORS.faint : node.color} />
              <SvgText x={node.x + 8} y={node.y + node.h / 2 - 1} style={{ fontSize: font, fontWeight: 600 }} fill={COLORS.ink}>
                {name(node.name, node.w - 10)}
              </SvgText>
              <SvgText x={node.x + 8} y={node.y + node.h / 2 + font} style={{ fontSize: Math.max(7, font - 1) }} fill={COLORS.muted}>
                {node.outside ? "unzoned receivers" : `${count(node.assets)} assets`}
              </SvgText>
            </G>
          ))}
        </Svg>
      )}
      <View style={{ flexDirection: "row", marginTop: 4 }}>
        {(["violation", "sanctioned", "permitted"] as const).map((status) => (
          <View key={status} style={{ flexDirection: "row", alignItems: "center", marginRight: 14 }}>
            <Svg width={18} height={6}>
              <Line x1={0} y1={3} x2={18} y2={3} stroke={STATUS_COLOR[status]} strokeWidth={2} />
            </Svg>
            <Text style={{ fontSize: 7.5, marginLeft: 4, color: COLORS.muted }}>{status === "violation" ? "a violation among them" : status === "sanctioned" ? "sanctioned crossings" : "nothing flows"}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Arrow({ points, color, label, font }: { points: number[]; color: string; label: string; font: number }) {
  const [x1, y1, x2, y2] = points;
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  const head = 6;
  const bx = x2 - ux * head;
  const by = y2 - uy * head;
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const labelWidth = label.length * font * 0.6 + 4;
  return (
    <G>
      <Line x1={x1} y1={y1} x2={bx} y2={by} stroke={color} strokeWidth={1.4} />
      <Polygon points={`${x2},${y2} ${bx - uy * 3.2},${by + ux * 3.2} ${bx + uy * 3.2},${by - ux * 3.2}`} fill={color} />
      <Rect x={mx - labelWidth / 2} y={my - font / 2 - 1.5} width={labelWidth} height={font + 3} fill="#ffffff" stroke={color} strokeWidth={0.5} rx={2} ry={2} />
      <SvgText x={mx - labelWidth / 2 + 2} y={my + font / 2 - 1} style={{ fontSize: Math.max(7, font - 1) }} fill={color}>
        {label}
      </SvgText>
      <Circle cx={x1} cy={y1} r={1.2} fill={color} />
    </G>
  );
}

function crossingRows(rows: CrossingRow[], side: "inbound" | "outbound") {
  return rows.map((row) => [
    side === "inbound" ? `${row.from} (${row.fromZone})` : row.from,
    side === "outbound" ? `${row.to} (${row.toZone ?? "no zone"})` : row.to,
    { text: VERDICT_TEXT[row.verdict].text, color: VERDICT_TEXT[row.verdict].color, bold: row.verdict === "violation" },
    row.coveredBy,
  ]);
}

function ZoneBlock({ zone }: { zone: ZoneSection }) {
  const crossingColumns = (side: "inbound" | "outbound") => [
    { header: side === "inbound" ? "From (zone)" : "From", width: 3 },
    { header: side === "inbound" ? "To" : "To (zone)", width: 3 },
    { header: "Verdict", width: 1.6 },
    { header: "Covered by, or the violation", width: 6 },
  ];
  const more = (shown: number, total: number, noun: string) => (total > shown ? <Paragraph muted>{`…and ${count(total - shown)} more ${noun}: see the evidence bundle.`}</Paragraph> : null);
  return (
    <View>
      <Text style={styles.h2} minPresenceAhead={80}>
        Zone: {zone.name} <Text style={{ fontSize: 9, color: COLORS.muted, fontWeight: 400 }}>({zone.id})</Text>
      </Text>
      <KeyValues
        rows={[
          ["Mode", zone.mode === "logging" ? "logging (violations are shown; admission does not deny, it records what it would have denied)" : "enforcing"],
          ["Owner", zone.owner ?? "—"],
          ["Description", zone.description ?? "—"],
          ["Allowed purposes", zone.purposes.length ? zone.purposes.join(", ") : "none"],
          ["Assets", count(zone.assets.total)],
          ["Crossings in / out", `${count(zone.inbound.total)} in (${count(zone.inbound.violations)} violating) · ${count(zone.outbound.total)} out (${count(zone.outbound.violations)} violating)`],
        ]}
      />
      <SubHeading>Rules: allowed data categories</SubHeading>
      <Table
        columns={[
          { header: "Category", width: 5 },
          { header: "Minimum protection", width: 3 },
          { header: "Consent required", width: 2 },
        ]}
        rows={zone.rules.map((rule) => [rule.category, rule.minQualifier, rule.requireConsent ? "yes" : "no"])}
        empty="No category is allowed in this zone."
      />
      <SubHeading>Assets</SubHeading>
      <Table
        columns={[
          { header: "Asset", width: 3 },
          { header: "Name", width: 4 },
          { header: "Kind", width: 2 },
          { header: "Purpose", width: 3 },
          { header: "Violations", width: 1.4, align: "right" },
        ]}
        rows={zone.assets.rows.map((asset) => [asset.id, asset.name, asset.kind, asset.purpose ?? "—", asset.violations ? { text: String(asset.violations), color: COLORS.violation, bold: true } : "0"])}
        empty="No asset is in this zone."
      />
      {more(zone.assets.rows.length, zone.assets.total, "assets")}
      <SubHeading>Inbound crossings</SubHeading>
      <Table columns={crossingColumns("inbound")} rows={crossingRows(zone.inbound.rows, "inbound")} empty="No data enters this zone from another zone." />
      {more(zone.inbound.rows.length, zone.inbound.total, "inbound crossings")}
      <SubHeading>Outbound crossings</SubHeading>
      <Table columns={crossingColumns("outbound")} rows={crossingRows(zone.outbound.rows, "outbound")} empty="No data leaves this zone." />
      {more(zone.outbound.rows.length, zone.outbound.total, "outbound crossings")}
    </View>
  );
}

function DecisionLog({ report, rows, first, last }: { report: AuditReport; rows: AuditReport["decisions"]["rows"]; first: boolean; last: boolean }) {
  const { decisions } = report;
  return (
    <View>
      {first ? <SectionHeading>Decision log</SectionHeading> : <Text style={styles.note}>Decision log, continued</Text>}
      {first ? <Paragraph muted>
        {`Every decision in the period that concerns these zones, oldest first: sanctioned-path requests, approvals, rejections, revocations and withdrawals, edge reviews, zone changes and world imports, as the audit log recorded them (the number is the entry's sequence in the hash chain). Admission checks are counted in the summary, not listed. At most ${count(REPORT_LIMITS.decisions)} rows are printed.`}
      </Paragraph> : null}
      <Table
        columns={[
          { header: "#", width: 0.9, align: "right" },
          { header: "When (UTC)", width: 2.1 },
          { header: "Who", width: 2.6 },
          { header: "Decision", width: 1.7 },
          { header: "What", width: 5.2 },
          { header: "Why", width: 3.2 },
        ]}
        rows={rows.map((row) => [row.sequence, row.at.replace("T", " ").slice(0, 16), row.actor, { text: row.kind, bold: true }, row.what, row.why])}
        empty="No decision concerning these zones was recorded in this period."
      />
      {last && decisions.total > decisions.rows.length ? <Paragraph>{`…and ${count(decisions.total - decisions.rows.length)} more decisions, see the evidence bundle (the audit log in full).`}</Paragraph> : null}
    </View>
  );
}

function OpenViolations({ report, rows, first, last }: { report: AuditReport; rows: AuditReport["openViolations"]["rows"]; first: boolean; last: boolean }) {
  const { openViolations } = report;
  return (
    <View>
      {first ? <SectionHeading>Open violations at the end of the period</SectionHeading> : <Text style={styles.note}>Open violations, continued</Text>}
      {first ? <Paragraph muted>{`Violations of these zones that the stored evaluation history shows open at ${instant(report.scope.to)}, each with the engine's explanation. At most ${count(REPORT_LIMITS.openViolations)} are printed.`}</Paragraph> : null}
      <Table
        columns={[
          { header: "Kind", width: 2.2 },
          { header: "Subject", width: 3 },
          { header: "Zone", width: 1.6 },
          { header: "Categories", width: 3 },
          { header: "Explanation", width: 6 },
          { header: "Open since", width: 1.7 },
        ]}
        rows={rows.map((v) => [{ text: violationKindLabel(v.kind), color: COLORS.violation }, v.subject.replace(/^(asset|edge):/, ""), v.zone, v.categories.join(", ") || "—", v.explanation, day(v.openedAt)])}
        empty="No violation was open at the end of the period."
      />
      {last && openViolations.total > openViolations.rows.length ? <Paragraph>{`…and ${count(openViolations.total - openViolations.rows.length)} more open violations, see the evidence bundle.`}</Paragraph> : null}
    </View>
  );
}

function Appendix({ report }: { report: AuditReport }) {
  return (
    <View>
      <SectionHeading>Appendix: how to verify this evidence</SectionHeading>
      <SubHeading>The audit chain</SubHeading>
      <Paragraph>
        Every decision is one entry of an append-only hash chain: an entry's hash is sha256 of the previous entry's hash followed by the canonical JSON of the entry (keys sorted, no whitespace). Changing, removing, inserting or reordering any entry changes every hash after it. The database refuses UPDATE, DELETE and TRUNCATE on the log.
      </Paragraph>
      <Paragraph>
        {`At regular entries, and whenever a check finds the head intact, the head's (sequence, hash) is signed with ${CHECKPOINT_ALGORITHM}. The signed bytes are the canonical JSON {"hash":…,"sequence":…,"signedAt":"…Z","type":"zoneline.audit.checkpoint/v1"}. The private key never enters the database, so a rewritten or truncated log cannot carry valid signatures.`}
      </Paragraph>
      <SubHeading>Checking it yourself</SubHeading>
      <Paragraph>1. Fetch the public key from the Audit page or GET /api/v1/audit/public-key, and compare its sha256 fingerprint with the signing key printed on the title page.</Paragraph>
      <Paragraph>2. Verify the checkpoint signature on the title page over the canonical JSON above (any Ed25519 implementation, e.g. OpenSSL 3: openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in message.json -sigfile signature.bin).</Paragraph>
      <Paragraph>3. Take the audit log from the evidence bundle, recompute every hash from the first entry, and check that the entry the checkpoint names has the hash it signed, and that the chain head matches the head printed here. lib/audit's verifyAuditLog(entries, {"{"}checkpoints, publicKey{"}"}) in Zoneline's source does all of this.</Paragraph>
      <Paragraph>4. The evidence bundle lists each file with its sha256; this report's own sha256 is in the audit entry (action evidence.export) written when it was made.</Paragraph>
      <SubHeading>What this report covers</SubHeading>
      <Paragraph>
        Period figures (decisions, admission checks, violations opened and resolved) are read from the audit log and the evaluation history for the period. Zone sections and crossings describe the world as it stood when the report was generated (world version {report.worldVersion}), evaluated by the same policy engine that serves the dashboard. Long lists are cut to keep the report readable; the evidence bundle holds them whole.
      </Paragraph>
      <KeyValues rows={[["Public key fingerprint", <Text style={styles.mono}>{report.chain.publicKeyFingerprint}</Text>]]} />
    </View>
  );
}
