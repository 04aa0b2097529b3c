// zoneline check WORLD.json [--at ISO-8601] [--format json|ndjson|text]
// Exit 0: no violations; 1: violations; 2: invalid input; 3: internal failure.
//
// The answer is written violation by violation, a chunk at a time, waiting for
// the output to drain: a dense world has a million violations, and their
// document (half a gigabyte) is more than one string can hold.
import { evaluate, VIOLATION_KINDS, type Evaluation, type Violation } from "../../lib/engine/index.ts";
import { internalFailure, loadWorld, parseArgs, parseAt, single, UsageError, AnswerWriter, type Output } from "./shared.ts";

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
 * Time spent explaining (building sentences and paths) and writing, summed over
 * the chunks, published as performance measures for the benchmark (bench/engine.ts).
 */
function measure(name: string, duration: number): void {
  performance.measure(`zoneline:${name}`, { start: 0, duration });
}

/**
 * Writes the violations of an evaluation in `format`. json is DESIGN.md's
 * document, byte for byte what `JSON.stringify({violations}, null, 2)` gives;
 * ndjson is one violation per line; text is the grouped report with its summary
 * line first (the counts per kind are known before anything is explained).
 */
export async function writeViolations(evaluation: Evaluation, format: CheckFormat, output: Output): Promise<void> {
  const out = new AnswerWriter(output);
  let explainMs = 0;
  let writeMs = 0;
  const total = evaluation.violationCount;
  let started = performance.now();
  if (format === "json") await out.write(total === 0 ? '{\n  "violations": []\n}\n' : '{\n  "violations": [');
  if (format === "text") await out.write(total === 0 ? "no violations\n" : textSummary(evaluation));
  writeMs += performance.now() - started;
  let first = true;
  let kind = "";
  started = performance.now();
  for (const chunk of evaluation.explainedViolations(CHUNK)) {
    const explained = performance.now();
    explainMs += explained - started;
    let text = "";
    for (const v of chunk) {
      if (format === "ndjson") text += `${JSON.stringify(v)}\n`;
      else if (format === "json") {
        // An element of the array sits four spaces in; a JSON string never holds a raw newline.
        text += `${first ? "" : ","}\n    ${JSON.stringify(v, null, 2).replaceAll("\n", "\n    ")}`;
      } else {
        if (v.kind !== kind) text += `\n\n${(kind = v.kind)}:`;
        const categories = v.categories.length > 0 ? ` [${v.categories.join(", ")}]` : "";
        text += `\n  ${subjectOf(v)} (zone ${v.zone})${categories}\n    ${v.explanation}`;
      }
      first = false;
    }
    await out.write(text);
    started = performance.now();
    writeMs += started - explained;
  }
  if (format === "json" && total > 0) await out.write("\n  ]\n}\n");
  if (format === "text" && total > 0) await out.write("\n");
  await out.end();
  writeMs += performance.now() - started;
  measure("explain", explainMs);
  measure("write", writeMs);
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
    const world = await loadWorld(file);
    if (world === null) return 2;
    const evaluation = evaluate(world, { at });
    performance.mark("zoneline:evaluated");
    await writeViolations(evaluation, format, out);
    return evaluation.violationCount === 0 ? 0 : 1;
  } catch (error) {
    return internalFailure("check", error);
  }
}
