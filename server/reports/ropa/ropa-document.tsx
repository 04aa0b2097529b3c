// The record of processing activities (GDPR Art. 30(1)) as PDF pages: a thin
// rendering of lib/evidence/ropa.ts's view model, used as a section of the
// audit report and as a document of its own (GET /api/v1/evidence/ropa?format=pdf).
import { Text, View } from "@react-pdf/renderer";
import { ROPA_PDF_LIMITS, type RopaActivity, type RopaController, type RopaRecord } from "@/lib/evidence/ropa";
import { organisationLabel } from "@/lib/settings/organisation-settings";
import { KeyValues, Paragraph, SectionHeading, SubHeading } from "../pdf/blocks";
import { ReportDocument, ReportPages, type ReportMeta } from "../pdf/frame";
import { COLORS, styles } from "../pdf/styles";
import { Table } from "../pdf/table";

export const ropaScopeLabel = (zones: readonly string[]) => (zones.length ? `zones ${zones.join(", ")}` : "every zone");

const count = (n: number) => n.toLocaleString("en-US");
const instant = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** Activities per page run in the audit report's summary (react-pdf re-lays out the rest of a run for every page it fills). */
const SUMMARY_SLICE = 6;

/**
 * The record's pages: an introduction with the controller, then one page run per activity (react-pdf lays out
 * each run on its own). In the audit report (`inReport`) each activity is a summary of a third of a page (its
 * lists named in a line each, long ones cut): a world of 50 zones and 200 categories made 320 pages of tables
 * there; the record's own PDF has the tables.
 */
export function RopaPages({ record, meta, scopeLabel, inReport = false }: { record: RopaRecord; meta: ReportMeta; scopeLabel: string; inReport?: boolean }) {
  const summaries: RopaActivity[][] = [];
  if (inReport) for (let i = 0; i < record.activities.length; i += SUMMARY_SLICE) summaries.push(record.activities.slice(i, i + SUMMARY_SLICE));
  return (
    <>
      <ReportPages meta={meta} bookmark="Record of processing activities">
        <SectionHeading>Record of processing activities (GDPR Art. 30(1))</SectionHeading>
        <Paragraph muted>
          {`Each zone is one processing activity. Its purposes are the zone's allowed purposes and those its jobs run for; its categories of personal data are the effective labels of its assets as the policy engine computes them; its recipients are the zones and destinations its approved, unexpired sanctioned paths send data to; its transfers are every flow of personal data from one of its assets to an asset in no zone. As of ${instant(record.generatedAt)}${inReport ? " (the world now, not at the end of the period)" : ""}; ${scopeLabel}.`}
        </Paragraph>
        <Controller controller={record.controller} />
        {record.activities.length === 0 ? <Paragraph>No zone is defined, so there is no processing activity to record.</Paragraph> : <ActivityIndex record={record} />}
        {inReport ? <Paragraph muted>{`Each activity in brief below (lists longer than ${ROPA_PDF_LIMITS.summaryItems} items are cut); the record of processing's own PDF, CSV and XLSX exports (GET /api/v1/evidence/ropa) hold every table in full.`}</Paragraph> : null}
      </ReportPages>
      {summaries.map((activities, index) => (
        <ReportPages key={`s${index}`} meta={meta}>
          {activities.map((activity) => <ActivitySummary key={activity.zone.id} activity={activity} />)}
        </ReportPages>
      ))}
      {(inReport ? [] : record.activities).map((activity) => (
        <ReportPages key={activity.zone.id} meta={meta} bookmark={`Processing activity: ${activity.zone.name}`}>
          <Activity activity={activity} />
        </ReportPages>
      ))}
    </>
  );
}

export function RopaDocument({ record, meta, scopeLabel }: { record: RopaRecord; meta: ReportMeta; scopeLabel: string }) {
  return (
    <ReportDocument meta={meta}>
      <RopaPages record={record} meta={meta} scopeLabel={scopeLabel} />
    </ReportDocument>
  );
}

function Controller({ controller }: { controller: RopaController }) {
  return (
    <View>
      <SubHeading>Art. 30(1)(a): the controller</SubHeading>
      <KeyValues
        rows={[
          ["Organisation", organisationLabel(controller)],
          ["Controller", controller.controllerName || controller.organisationName || "not set: an admin sets it in Settings"],
          ["Controller contact", controller.controllerContact || "not set: an admin sets it in Settings"],
          ["Data protection officer", controller.dpoContact || "—"],
        ]}
      />
    </View>
  );
}

function ActivityIndex({ record }: { record: RopaRecord }) {
  return (
    <View>
      <SubHeading>Processing activities</SubHeading>
      <Table
        columns={[
          { header: "Activity (zone)", width: 4 },
          { header: "Purposes", width: 1.3, align: "right" },
          { header: "Data categories", width: 1.6, align: "right" },
          { header: "Recipients", width: 1.4, align: "right" },
          { header: "Transfers out (not sanctioned)", width: 2.4, align: "right" },
          { header: "Retention", width: 4 },
        ]}
        rows={record.activities.map((a) => {
          const unsanctioned = a.transfers.filter((t) => !t.sanctioned).length;
          return [
            `${a.zone.name} (${a.zone.id})`,
            a.purposes.length,
            a.dataCategories.length,
            a.recipients.length,
            unsanctioned ? { text: `${count(a.transfers.length)} (${count(unsanctioned)})`, color: COLORS.violation, bold: true } : count(a.transfers.length),
            a.retention ?? { text: "not set", color: COLORS.warning },
          ];
        })}
      />
    </View>
  );
}

/** At most ROPA_PDF_LIMITS.summaryItems items, then how many more. */
function list(items: string[], none: string): string {
  if (items.length === 0) return none;
  const shown = items.slice(0, ROPA_PDF_LIMITS.summaryItems).join(", ");
  return items.length > ROPA_PDF_LIMITS.summaryItems ? `${shown} … and ${count(items.length - ROPA_PDF_LIMITS.summaryItems)} more` : shown;
}

function ActivitySummary({ activity }: { activity: RopaActivity }) {
  const { zone } = activity;
  const unsanctioned = activity.transfers.filter((t) => !t.sanctioned);
  const named = unsanctioned.slice(0, ROPA_PDF_LIMITS.summaryTransfers).map((t) => `${t.from.name} → ${t.to.namespace}/${t.to.name}`);
  // kept whole (wrap={false}): a brief split after its personal data left its recipients and retention on the next
  // page without the activity's name; with every list cut at summaryItems a brief stays well under a page
  return (
    <View style={{ marginBottom: 8 }} wrap={false}>
      <Text style={styles.h3}>
        Processing activity: {zone.name} <Text style={{ fontSize: 8, color: COLORS.muted, fontWeight: 400 }}>(zone {zone.id})</Text>
      </Text>
      <KeyValues
        keyWidth={150}
        rows={[
          ["Owner · assets", `${zone.owner ?? "—"} · ${count(activity.assetCount)} assets`],
          ["(b) Purposes", list(activity.purposes.map((p) => (p.allowed ? p.key : `${p.key} (NOT allowed by the zone)`)), "none")],
          ["(c) Data subjects", list(activity.dataSubjects.map((s) => `${s.name} (${s.key})`), "not set: edit the zone")],
          ["(c) Personal data", list(activity.dataCategories.map((c) => c.key), "no labelled personal data")],
          ["(d) Recipients", list(activity.recipients.map((r) => `${r.zone ? r.zone.name : "outside all zones"} [${r.pathId}]`), "none: no approved sanctioned path leaves the zone")],
          [
            "(e) Transfers out of all zones",
            activity.transfers.length === 0
              ? "none"
              : `${count(activity.transfers.length)}, ${unsanctioned.length ? `${count(unsanctioned.length)} NOT sanctioned: ${named.join(", ")}${unsanctioned.length > named.length ? ` and ${count(unsanctioned.length - named.length)} more` : ""}` : "every one sanctioned"}`,
          ],
          ["(f) Retention", activity.retention ?? "not set: edit the zone"],
        ]}
      />
    </View>
  );
}

function more(shown: number, total: number, noun: string) {
  return total > shown ? <Paragraph muted>{`…and ${count(total - shown)} more ${noun}: the CSV and XLSX record of processing list them all.`}</Paragraph> : null;
}

function Activity({ activity }: { activity: RopaActivity }) {
  const { zone } = activity;
  const jobs = (list: string[]) => (list.length > ROPA_PDF_LIMITS.jobsPerPurpose ? `${list.slice(0, ROPA_PDF_LIMITS.jobsPerPurpose).join(", ")} and ${count(list.length - ROPA_PDF_LIMITS.jobsPerPurpose)} more` : list.join(", ") || "—");
  const unsanctioned = activity.transfers.filter((t) => !t.sanctioned).length;
  // the unsanctioned transfers first, so a cut list still shows every one it can
  const shownTransfers = [...activity.transfers.filter((t) => !t.sanctioned), ...activity.transfers.filter((t) => t.sanctioned)].slice(0, ROPA_PDF_LIMITS.transfersPerActivity);
  return (
    <View>
      <Text style={styles.h2} minPresenceAhead={80}>
        Processing activity: {zone.name} <Text style={{ fontSize: 9, color: COLORS.muted, fontWeight: 400 }}>(zone {zone.id})</Text>
      </Text>
      <KeyValues
        keyWidth={150}
        rows={[
          ["Description", zone.description ?? "—"],
          ["Owner", zone.owner ?? "—"],
          ["Mode", zone.mode],
          ["Assets", count(activity.assetCount)],
          ["(c) Data subjects", activity.dataSubjects.length ? activity.dataSubjects.map((s) => `${s.name} (${s.key})`).join(", ") : "not set: edit the zone"],
          ["(f) Retention", activity.retention ?? "not set: edit the zone"],
        ]}
      />
      <SubHeading>(b) Purposes of the processing</SubHeading>
      <Table
        columns={[
          { header: "Purpose", width: 4 },
          { header: "Name", width: 3 },
          { header: "Allowed by the zone", width: 1.6 },
          { header: "Jobs running for it", width: 5 },
        ]}
        rows={activity.purposes.map((p) => [p.key, p.name, p.allowed ? "yes" : { text: "NO", color: COLORS.violation, bold: true }, jobs(p.jobs)])}
        empty="No purpose: the zone allows none and none of its jobs names one."
      />
      <SubHeading>(c) Categories of personal data</SubHeading>
      <Table
        columns={[
          { header: "Category", width: 5 },
          { header: "Name", width: 3 },
          { header: "Held as", width: 2.6 },
          { header: "Consented only", width: 1.4 },
          { header: "Assets", width: 1, align: "right" },
        ]}
        rows={activity.dataCategories.map((c) => [c.key, c.name, c.qualifiers.join(", "), c.consentedOnly ? "yes" : "no", count(c.assets)])}
        empty="No asset of this zone holds labelled personal data."
      />
      <SubHeading>(d) Recipients</SubHeading>
      <Table
        columns={[
          { header: "Recipient", width: 4 },
          { header: "Categories", width: 4.4 },
          { header: "Purpose", width: 2.6 },
          { header: "Sanctioned path", width: 2.6 },
          { header: "Until", width: 1.4 },
        ]}
        rows={activity.recipients.map((r) => [
          r.zone ? `${r.zone.name} (${r.zone.id})` : `Outside all zones${r.destinations.length ? `: ${r.destinations.slice(0, 5).map((d) => d.name).join(", ")}${r.destinations.length > 5 ? ` and ${r.destinations.length - 5} more` : ""}` : ""}`,
          r.categories.join(", "),
          r.purpose ?? "—",
          r.pathId,
          r.expiresAt ? r.expiresAt.slice(0, 10) : "—",
        ])}
        empty="No approved sanctioned path sends data out of this zone."
      />
      <SubHeading>(e) Transfers out of all zones</SubHeading>
      {activity.transfers.length ? (
        <Paragraph muted>{`${count(activity.transfers.length)} flow${activity.transfers.length === 1 ? "" : "s"} of personal data to assets in no zone, ${unsanctioned ? `${count(unsanctioned)} NOT sanctioned` : "every one sanctioned"}.${activity.transfers.length > ROPA_PDF_LIMITS.transfersPerActivity ? ` The first ${count(ROPA_PDF_LIMITS.transfersPerActivity)} are printed, unsanctioned ones first.` : ""}`}</Paragraph>
      ) : null}
      <Table
        columns={[
          { header: "From", width: 3 },
          { header: "To (namespace / name)", width: 4 },
          { header: "Categories", width: 4.4 },
          { header: "Sanctioned by", width: 2.6 },
        ]}
        rows={shownTransfers.map((t) => [t.from.name, `${t.to.namespace}/${t.to.name}`, t.categories.join(", "), t.sanctioned ? { text: t.pathIds.join(", "), color: COLORS.sanctioned } : { text: "NOT SANCTIONED", color: COLORS.violation, bold: true }])}
        empty="No personal data leaves all zones from this activity."
      />
      {more(shownTransfers.length, activity.transfers.length, "transfers")}
    </View>
  );
}
