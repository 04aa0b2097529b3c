import { importWorld, type ImportSummary } from "@/server/world/import-world";
import { readWorldFile } from "@/server/world/read-world-file";
import { loadParseContext } from "@/server/world/load-world";
import { withDatabase } from "@/server/db/session";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { reportCliError } from "../report-error";

export async function run(argv: string[]): Promise<number> {
  const files = argv.filter((arg) => !arg.startsWith("-"));
  const unknown = argv.filter((arg) => arg.startsWith("-") && arg !== "--help");
  if (unknown.length) {
    console.error(`zoneline import: unknown option ${unknown.join(", ")}`);
    return 2;
  }
  if (argv.includes("--help") || files.length !== 1) {
    console.log("usage: zoneline import WORLD.json\n\nLoads a world file into the database in one transaction (all or nothing).\nRe-importing the same file changes nothing.");
    return argv.includes("--help") ? 0 : 2;
  }
  try {
    const actor = `cli:${process.env.USER ?? "unknown"}`;
    await withDatabase(async () => {
      // a partial world may refer to zones, assets and taxonomy keys the database already holds
      const world = readWorldFile(files[0], await loadParseContext());
      const summary = await importWorld({ world, actor });
      console.log(describeImport(files[0], summary));
      // DESIGN.md 7: what changed is re-evaluated at once
      if (summary.changed) console.log(describeEvaluation(await runEvaluation({ trigger: "import", actor })));
    });
    return 0;
  } catch (error) {
    return reportCliError(error);
  }
}

export function describeImport(file: string, summary: ImportSummary): string {
  if (!summary.changed) return `${file}: nothing to change (the database already matches).`;
  const parts = (Object.keys(summary.created) as (keyof ImportSummary["created"])[])
    .map((kind) => {
      const created = summary.created[kind];
      const updated = summary.updated[kind];
      if (!created && !updated) return null;
      return `${kind}: ${[created && `${created} created`, updated && `${updated} updated`].filter(Boolean).join(", ")}`;
    })
    .filter(Boolean);
  return `${file}: imported (${parts.join("; ")}).`;
}

export function describeEvaluation(summary: Awaited<ReturnType<typeof runEvaluation>>): string {
  return `evaluation #${summary.runId}: ${summary.violationCount} violation${summary.violationCount === 1 ? "" : "s"} (${summary.newViolations} new, ${summary.resolvedViolations} resolved).`;
}
