// zoneline check WORLD.json [--at ISO-8601] [--format json|text]
// Exit 0: no violations; 1: violations; 2: invalid input.
import { evaluate, type Violation } from "../../lib/engine/index.ts";
import { loadWorld, parseArgs, parseAt, single, UsageError } from "./shared.ts";

const USAGE = "usage: zoneline check WORLD.json [--at ISO-8601] [--format json|text]";

export function checkReport(violations: Violation[]): string {
  if (violations.length === 0) return "no violations\n";
  const counts = new Map<string, number>();
  for (const v of violations) counts.set(v.kind, (counts.get(v.kind) ?? 0) + 1);
  const summary = [...counts].map(([kind, count]) => `${count} ${kind}`).join(", ");
  const lines = [`${violations.length} violation${violations.length === 1 ? "" : "s"}: ${summary}`];
  for (const [kind] of counts) {
    lines.push("", `${kind}:`);
    for (const v of violations.filter((x) => x.kind === kind)) {
      const subject = v.asset !== null ? `asset ${v.asset}` : `edge ${v.edge!.from} → ${v.edge!.to}`;
      const categories = v.categories.length > 0 ? ` [${v.categories.join(", ")}]` : "";
      lines.push(`  ${subject} (zone ${v.zone})${categories}`, `    ${v.explanation}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  try {
    const args = parseArgs(argv, ["at", "format"]);
    if (args.positional.length !== 1) throw new UsageError("expected exactly one world file");
    const format = single(args, "format") ?? "json";
    if (format !== "json" && format !== "text") throw new UsageError(`--format must be json or text, not "${format}"`);
    const at = parseAt(single(args, "at"));
    const world = await loadWorld(args.positional[0]);
    if (world === null) return 2;
    const { violations } = evaluate(world, { at });
    process.stdout.write(format === "json" ? `${JSON.stringify({ violations }, null, 2)}\n` : checkReport(violations));
    return violations.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`zoneline check: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
