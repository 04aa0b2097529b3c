import path from "node:path";
import { importWorld } from "@/server/world/import-world";
import { readWorldFile } from "@/server/world/read-world-file";
import { withDatabase } from "@/server/db/session";
import { describeImport } from "./import";
import { reportCliError } from "../report-error";

export const DEMO_WORLD = path.resolve(import.meta.dirname, "../../examples/demo.world.json");

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log("usage: zoneline seed\n\nImports the demo world (examples/demo.world.json) and evaluates it. Idempotent.");
    return 0;
  }
  try {
    const world = readWorldFile(DEMO_WORLD);
    const summary = await withDatabase(() => importWorld({ world, actor: "seed" }));
    console.log(describeImport(path.relative(process.cwd(), DEMO_WORLD), summary));
    return 0;
  } catch (error) {
    return reportCliError(error);
  }
}
