import path from "node:path";
import { importWorld } from "@/server/world/import-world";
import { readWorldFile } from "@/server/world/read-world-file";
import { withDatabase } from "@/server/db/session";
import { describeEvaluation, describeImport } from "./import";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { prisma } from "@/server/db";
import { reportCliError } from "../report-error";

export const DEMO_WORLD = path.resolve(import.meta.dirname, "../../examples/demo.world.json");

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log("usage: zoneline seed\n\nImports the demo world (examples/demo.world.json) and evaluates it. Idempotent.");
    return 0;
  }
  try {
    const world = readWorldFile(DEMO_WORLD);
    await withDatabase(async () => {
      const summary = await importWorld({ world, actor: "seed" });
      console.log(describeImport(path.relative(process.cwd(), DEMO_WORLD), summary));
      const evaluated = (await prisma().evaluationRun.count()) > 0;
      if (summary.changed || !evaluated) console.log(describeEvaluation(await runEvaluation({ trigger: "seed", actor: "seed" })));
    });
    return 0;
  } catch (error) {
    return reportCliError(error);
  }
}
