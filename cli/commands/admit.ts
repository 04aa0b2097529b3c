// zoneline admit WORLD.json --job ID --purpose P --input ID [--input ID …] [--zone ID] [--at ISO-8601]
// Exit 0: allowed; 1: denied; 2: invalid input (unknown input, zone or purpose); 3: internal failure.
import { admit, AdmissionRequestError } from "../../lib/engine/index.ts";
import { internalFailure, loadWorld, parseArgs, parseAt, single, UsageError, AnswerWriter, type Output } from "./shared.ts";

const USAGE = "usage: zoneline admit WORLD.json --job ID --purpose P --input ID [--input ID …] [--zone ID] [--at ISO-8601]";

export async function run(argv: string[], out: Output = process.stdout): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const args = parseArgs(argv, ["job", "purpose", "input", "zone", "at"]);
    if (args.positional.length !== 1) throw new UsageError("expected exactly one world file");
    const job = single(args, "job");
    const purpose = single(args, "purpose");
    const inputs = args.options.get("input") ?? [];
    if (!job) throw new UsageError("--job is required");
    if (!purpose) throw new UsageError("--purpose is required");
    if (inputs.length === 0) throw new UsageError("at least one --input is required");
    const at = parseAt(single(args, "at"));
    const world = await loadWorld(args.positional[0]);
    if (world === null) return 2;
    const answer = admit(world, { job, purpose, inputs, zone: single(args, "zone") ?? null, at });
    const writer = new AnswerWriter(out);
    await writer.write(`${JSON.stringify(answer, null, 2)}\n`);
    await writer.end();
    return answer.allowed ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`zoneline admit: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof AdmissionRequestError) {
      for (const message of error.errors) console.error(`zoneline admit: ${message}`);
      return 2;
    }
    return internalFailure("admit", error);
  }
}
