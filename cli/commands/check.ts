// zoneline check WORLD.json [--at ISO-8601] [--format json|ndjson|text]
// Exit 0: no violations; 1: violations; 2: invalid input; 3: internal failure.
//
// The answer is written violation by violation, a chunk at a time, waiting for
// the output to drain: a dense world has a million violations, and their
// document (half a gigabyte) is more than one string can hold.
import { evaluate, VIOLATION_KINDS, type Evaluation, type Violation } from "../../lib/engine/index.ts";
import { AnswerWriter, internalFailure, loadWorld, parseArgs, parseAt, PhaseClock, single, UsageError, type Output } from "./shared.ts";

const USAGE = "usage: zoneline check WORLD.json [--at ISO-8601] [--format json|ndjson|text]";
const FORMATS = ["json", "ndjson", "text"] as const;
export type CheckFormat = (typeof FORMATS)[number];

/**
 * Violations explained and written per chunk: small enough that a chunk dies
 * young (a chunk that outlives a scavenge is copied into the old generation,
 * where collecting it means marking the whole world), large enough that a
 * million violations take a few thousand writes.
 */
const CHUNK = 512;

function subjectOf(v: Violation): string {
  return v.asset !== null ? `asset ${v.asset}` : `edge ${v.edge!.from} → ${v.edge!.to}`;
}

/**
 * Writes the violations of an evaluation in `format`. json is DESIGN.md's
 * document, byte for byte what `JSON.stringify({violations}, null, 2)` gives;
 * ndjson is one violation per line; text is the grouped report with its summary
 * line first (the counts per kind are known before anything is explained).
 */
export async function writeViolations(evaluation: Evaluation, format: CheckFormat, output: Output, clock = new PhaseClock()): Promise<void> {
  const out = new AnswerWriter(output);
  const total = evaluation.violationCount;
  clock.enter("write");
  if (format === "json") await out.write(total === 0 ? '{\n  "violations": []\n}\n' : '{\n  "violations": [');
  if (format === "text") await out.write(total === 0 ? "no violations\n" : textSummary(evaluation));
  let first = true;
  let kind = "";
  clock.enter("explain");
  for (const chunk of evaluation.explainedViolations(CHUNK)) {
    clock.enter("write");
    let text = "";
    if (format === "json") {
      // The chunk as an array, without its brackets and two more spaces in, is
      // these elements of the document's array (a JSON string never holds a raw
      // newline); one stringify per chunk is a third faster than one per violation.
      text = `${first ? "" : ","}\n  ${JSON.stringify(chunk, null, 2).slice(2, -2).replaceAll("\n", "\n  ")}`;
    } else if (format === "ndjson") {
      for (const v of chunk) text += `${JSON.stringify(v)}\n`;
    } else {
      for (const v of chunk) {
        if (v.kind !== kind) text += `\n\n${(kind = v.kind)}:`;
        const categories = v.categories.length > 0 ? ` [${v.categories.join(", ")}]` : "";
        text += `\n  ${subjectOf(v)} (zone ${v.zone})${categories}\n    ${v.explanation}`;
      }
    }
    first = false;
    await out.write(text);
    clock.enter("explain");
  }
  clock.enter("write");
  if (format === "json" && total > 0) await out.write("\n  ]\n}\n");
  if (format === "text" && total > 0) await out.write("\n");
  await out.end();
  clock.enter(null);
}

function textSummary(evaluation: Evaluation): string {
  const state = evaluation.state;
  const counts = [state.categoryViolations.size, state.purposeViolations.size, state.crossingViolations.size];
  const total = evaluation.violationCount;
  const summary = VIOLATION_KINDS.flatMap((kind, k) => (counts[k] > 0 ? [`${counts[k]} ${kind}`] : [])).join(", ");
  return `${total} violation${total === 1 ? "" : "s"}: ${summary}`;
}

export async function run(argv: string[], out: Output = process.stdout): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  let format: CheckFormat;
  let at: Date;
  let file: string;
  try {
    const args = parseArgs(argv, ["at", "format"]);
    if (args.positional.length !== 1) throw new UsageError("expected exactly one world file");
    const given = single(args, "format") ?? "json";
    if (!(FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format must be json, ndjson or text, not "${given}"`);
    format = given as CheckFormat;
    at = parseAt(single(args, "at"));
    file = args.positional[0];
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`zoneline check: ${error.message}\n${USAGE}`);
    return 2;
  }
  try {
    const clock = new PhaseClock();
    const world = await loadWorld(file, clock);
    if (world === null) return 2;
    clock.enter("evaluate");
    const evaluation = evaluate(world, { at });
    await writeViolations(evaluation, format, out, clock);
    clock.publish();
    return evaluation.violationCount === 0 ? 0 : 1;
  } catch (error) {
    return internalFailure("check", error);
  }
}
