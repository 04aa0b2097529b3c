// The report export controls, for the people who may export evidence (the
// server action and the API check again): the zones to choose from, the paper
// size from Settings, and the recent exports to follow.
import { FileText } from "lucide-react";
import { ReportExport } from "@/components/audit/report-export";
import { Card } from "@/components/ui/page-header";
import { DEFAULT_PERIOD_DAYS } from "@/lib/evidence/evidence-scope";
import { listEvidenceExports } from "@/server/evidence/exports/list-evidence-exports";
import { getOrganisationSettings } from "@/server/settings/organisation-settings";
import { listZoneNames } from "@/server/zones/list-zone-names";
import { startReportExport } from "./actions";

export async function ReportExportPanel() {
  const [zones, settings, exports] = await Promise.all([listZoneNames(), getOrganisationSettings(), listEvidenceExports()]);
  const today = new Date();
  const from = new Date(today.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000);
  return (
    <Card className="mb-6" title={<span className="inline-flex items-center gap-1.5"><FileText className="size-4" aria-hidden /> Audit report (PDF) and bundle (ZIP), made in the background</span>}>
      <p className="mb-3 text-sm text-slate-600">
        A report for auditors: the chain head and its signed checkpoint, a summary of the period, each zone with its rules, assets and crossings, a picture of the flows between zones, the decision log and the open violations. It is made in the background and kept here for download; making it is an audit entry. A long period's evidence bundle can be made the same way (Export bundle), besides its streamed download (Download bundle).
      </p>
      <ReportExport
        action={startReportExport}
        zones={zones}
        paperSize={settings.paperSize}
        defaultFrom={from.toISOString().slice(0, 10)}
        defaultTo={today.toISOString().slice(0, 10)}
        initialExports={exports}
      />
    </Card>
  );
}
