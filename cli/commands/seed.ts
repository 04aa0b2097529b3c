import path from "node:path";
import { importWorld } from "@/server/world/import-world";
import { readWorldFile } from "@/server/world/read-world-file";
import { withDatabase } from "@/server/db/session";
import { describeEvaluation, describeImport } from "./import";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { prisma } from "@/server/db";
import { reportCliError } from "../report-error";
import { DEMO_USERS } from "@/server/users/demo-users";
import { createUser } from "@/server/users/manage-users";
import { DEMO_ORGANISATION, seedOrganisationSettings } from "@/server/settings/organisation-settings";

export const DEMO_WORLD = path.resolve(import.meta.dirname, "../../examples/demo.world.json");

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log(
      "usage: zoneline seed [--demo-users]\n\nImports the demo world (examples/demo.world.json) and evaluates it. Idempotent.\n" +
        "--demo-users also creates one user per role with the passwords the README publishes: for trying Zoneline\n" +
        "and for tests, never on a real database.",
    );
    return 0;
  }
  try {
    const world = readWorldFile(DEMO_WORLD);
    await withDatabase(async () => {
      const summary = await importWorld({ world, actor: "seed" });
      console.log(describeImport(path.relative(process.cwd(), DEMO_WORLD), summary));
      const evaluated = (await prisma().evaluationRun.count()) > 0;
      if (summary.changed || !evaluated) console.log(describeEvaluation(await runEvaluation({ trigger: "seed", actor: "seed" })));
      if (await seedOrganisationSettings(DEMO_ORGANISATION, "seed")) console.log(`organisation: ${DEMO_ORGANISATION.organisationName} (change it in Settings)`);
      if (argv.includes("--demo-users")) {
        for (const user of DEMO_USERS) {
          if (await prisma().user.findUnique({ where: { email: user.email }, select: { id: true } })) continue;
          await createUser({ system: "cli" }, user, { password: user.password });
          console.log(`demo user ${user.email} (${user.roles.join(", ")})`);
        }
      }
    });
    return 0;
  } catch (error) {
    return reportCliError(error);
  }
}
