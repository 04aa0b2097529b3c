// zoneline report: the audit report (PDF) for a period and zones, made by the
// same runner as the Audit page's export (so it is kept in the database, and
// audited as one `evidence.export` entry by "cli"), then written to a file.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { withDatabase } from "@/server/db/session";
import { prisma } from "@/server/db";
import { requestEvidenceExport } from "@/server/evidence/exports/request-evidence-export";
import { reportCliError } from "../report-error";

const USAGE = "usage: zoneline report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--zones ID,ID…] [--paper A4|LETTER] --out FILE.pdf";

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: "string" }, to: { type: "string" }, zones: { type: "string" }, paper: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`zoneline report: ${error instanceof Error ? error.message : String(error)} (${USAGE})`);
    return 2;
  }
  if (values.help) {
    console.log(`${USAGE}\n\nWrites the audit report (PDF) for the period (default: the last 90 days) and zones (default: all).\nExit 0 written, 2 invalid input, 3 the export failed.`);
    return 0;
  }
  if (!values.out) {
    console.error(`zoneline report: --out is required (${USAGE})`);
    return 2;
  }
  const out = values.out;
  try {
    return await withDatabase(async () => {
      const made = await requestEvidenceExport({ system: "cli" }, { input: { kind: "report.pdf", from: values.from, to: values.to, zones: values.zones, paperSize: values.paper }, run: "wait" });
      const row = await prisma().evidenceExport.findUniqueOrThrow({ where: { id: made.id }, select: { status: true, error: true, file: true, sha256: true } });
      if (row.status !== "done" || !row.file) {
        console.error(`zoneline report: the export failed: ${row.error}`);
        return 3;
      }
      fs.writeFileSync(out, row.file);
      console.log(`wrote ${out} (${row.file.length} bytes, sha256 ${row.sha256})`);
      return 0;
    });
  } catch (error) {
    return reportCliError(error);
  }
}
