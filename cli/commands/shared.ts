// What `check` and `admit` share: argument parsing, world loading, writing the
// answer, exit code 3 for internal failures, and phase timings. Only lib/
// imports, so these commands start fast in a pipeline's CI.
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { formatWorldError, parseWorldJson } from "../../lib/world/parse.ts";
import { normalizeTimestamp, type World } from "../../lib/world/schema.ts";

export class UsageError extends Error {}

/**
 * Wall and CPU time per phase of a command (read, parse, evaluate, explain,
 * write), published as performance measures named `zoneline:<phase>` for the
 * benchmark (bench/cli-stats.ts reads them in a child process). Phases may
 * interleave, as explaining and writing do chunk by chunk: each call to
 * `enter` charges the time since the previous call to the phase left.
 */
export class PhaseClock {
  private readonly totals = new Map<string, { ms: number; cpuMs: number }>();
  private current: string | null = null;
  private since = performance.now();
  private cpuSince = cpuMs();

  enter(phase: string | null): void {
    const now = performance.now();
    const cpu = cpuMs();
    if (this.current !== null) {
      const total = this.totals.get(this.current) ?? { ms: 0, cpuMs: 0 };
      total.ms += now - this.since;
      total.cpuMs += cpu - this.cpuSince;
      this.totals.set(this.current, total);
    }
    this.current = phase;
    this.since = now;
    this.cpuSince = cpu;
  }

  publish(): void {
    this.enter(null);
    for (const [phase, { ms, cpuMs }] of this.totals) performance.measure(`zoneline:${phase}`, { start: 0, duration: ms, detail: { cpuMs } });
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Where an answer goes: process.stdout, or in a test any writable stream. */
export type Output = NodeJS.WritableStream;

/**
 * Writes an answer piece by piece: waits for the stream to drain when its
 * buffer is full, so memory stays bounded however long the answer, and turns
 * the stream's asynchronous errors (a reader that closed the pipe) into a
 * failed write instead of a crash.
 */
export class AnswerWriter {
  private failure: Error | null = null;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(private readonly out: Output) {
    // Left attached: an error reported after the answer must not crash the process either.
    out.on("error", (error: Error) => {
      this.failure ??= error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (text.length === 0) return;
    let settle: (error?: Error | null) => void = () => {};
    this.lastWrite = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    // Its failure also reaches the 'error' listener; only end() awaits the last one.
    this.lastWrite.catch(() => {});
    // Outside the promise, so that a write that throws fails this call.
    const accepted = this.out.write(text, settle);
    if (!accepted) await once(this.out, "drain");
    if (this.failure) throw this.failure;
  }

  /** Resolves once the stream has taken everything written, or rejects with its error. */
  async end(): Promise<void> {
    await this.lastWrite;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failure) throw this.failure;
  }
}

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
export async function loadWorld(file: string, clock = new PhaseClock()): Promise<World | null> {
  clock.enter("read");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    // A missing, unreadable or non-file path is the caller's input; anything
    // else (a file larger than a string can hold) is ours to report as internal.
    if (!isFileSystemError(error)) throw error;
    console.error(`${file}: cannot read: ${error.message}`);
    return null;
  }
  clock.enter("parse");
  const result = parseWorldJson(text);
  clock.enter(null);
  if (!result.ok) {
    console.error(`${file}: invalid world (${result.errors.length} error${result.errors.length === 1 ? "" : "s"}):`);
    for (const error of result.errors) console.error(`  ${formatWorldError(error)}`);
    return null;
  }
  return result.world;
}

/** Errors from the operating system carry an errno; Node's own limits do not. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).errno === "number";
}

/**
 * Exit code 2 promises the input was wrong, so a failure of ours (a bug, memory,
 * a closed output) is exit 3, with what went wrong on stderr.
 */
export function internalFailure(command: string, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`zoneline ${command}: internal error: ${message}`);
  if (process.env.ZONELINE_DEBUG && error instanceof Error && error.stack) console.error(error.stack);
  return 3;
}
