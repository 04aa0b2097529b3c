// Argument parsing and world loading shared by `check` and `admit`: only lib/
// imports, so these commands start fast in a pipeline's CI.
import { readFile } from "node:fs/promises";
import { formatWorldError, parseWorldJson } from "../../lib/world/parse.ts";
import { normalizeTimestamp, type World } from "../../lib/world/schema.ts";

export class UsageError extends Error {}

export type ParsedArgs = { positional: string[]; options: Map<string, string[]> };

/** `--name value`, `--name=value` and repeated options; `flags` take no value. */
export function parseArgs(argv: string[], known: string[], flags: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(name)) {
      options.set(name, ["true"]);
      continue;
    }
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positional, options };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values?.[0];
}

export function parseAt(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const normalized = normalizeTimestamp(text);
  if (normalized === null) throw new UsageError(`--at: not an ISO-8601 timestamp: "${text}"`);
  return new Date(normalized);
}

/** Reads and parses a world file; on failure prints every error and returns null. */
export async function loadWorld(file: string): Promise<World | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const result = parseWorldJson(text);
  if (!result.ok) {
    console.error(`${file}: invalid world (${result.errors.length} error${result.errors.length === 1 ? "" : "s"}):`);
    for (const error of result.errors) console.error(`  ${formatWorldError(error)}`);
    return null;
  }
  return result.world;
}
