// `zoneline check` streams its answer: the same bytes as the whole document
// would be, one violation per line in ndjson, waiting for the reader, and an
// internal failure is exit 3, never the "invalid input" of exit 2.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateWorld } from "../../bench/generate-world.ts";
import { evaluate, type Violation } from "../../lib/engine/index.ts";
import { parseWorldJson, serializeWorld, type World } from "../../lib/world/index.ts";
import { run as admit } from "./admit.ts";
import { run as check, type CheckFormat } from "./check.ts";

const AT = "2026-06-01T00:00:00.000Z";
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "zoneline-check-"));

function worldFile(name: string, world: World): string {
  const file = path.join(dir, name);
  writeFileSync(file, serializeWorld(world));
  return file;
}

const files = {
  demo: path.join(root, "examples/demo.world.json"),
  blocked: path.join(import.meta.dirname, "fixtures/ads-blocked.world.json"),
  clean: path.join(import.meta.dirname, "fixtures/ads.world.json"),
  // A few thousand violations: several chunks, and every kind.
  dense: worldFile("dense.world.json", generateWorld({ assets: 300, edges: 3000, zones: 8, categories: 40, paths: 5, seed: 7, dense: true })),
};

function load(file: string): World {
  const result = parseWorldJson(readFileSync(file, "utf8"));
  if (!result.ok) throw new Error(`${file} is not a valid world`);
  return result.world;
}

/** Collects what a command writes; `highWaterMark` small to make it push back. */
function sink(highWaterMark = 16 * 1024) {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { stream, text: () => chunks.join("") };
}

async function checkOutput(file: string, format: CheckFormat): Promise<{ code: number; text: string }> {
  const out = sink();
  const code = await check([file, "--at", AT, "--format", format], out.stream);
  return { code, text: out.text() };
}

/** The report as the command printed it before it streamed: the reference the streamed text must equal. */
function wholeReport(violations: Violation[]): string {
  if (violations.length === 0) return "no violations\n";
  const kinds = [...new Set(violations.map((v) => v.kind))];
  const lines = [`${violations.length} violation${violations.length === 1 ? "" : "s"}: ${kinds.map((k) => `${violations.filter((v) => v.kind === k).length} ${k}`).join(", ")}`];
  for (const kind of kinds) {
    lines.push("", `${kind}:`);
    for (const v of violations.filter((x) => x.kind === kind)) {
      const subject = v.asset !== null ? `asset ${v.asset}` : `edge ${v.edge!.from} → ${v.edge!.to}`;
      lines.push(`  ${subject} (zone ${v.zone})${v.categories.length > 0 ? ` [${v.categories.join(", ")}]` : ""}`, `    ${v.explanation}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("zoneline check writes violation by violation", () => {
  it.each(Object.entries(files))("json for the %s world is byte for byte the whole document", async (_name, file) => {
    const { violations } = evaluate(load(file), { at: new Date(AT) });
    const { code, text } = await checkOutput(file, "json");
    expect(text).toBe(`${JSON.stringify({ violations }, null, 2)}\n`);
    expect(code).toBe(violations.length === 0 ? 0 : 1);
  });

  it.each(Object.entries(files))("text for the %s world is the whole report", async (_name, file) => {
    const { violations } = evaluate(load(file), { at: new Date(AT) });
    expect((await checkOutput(file, "text")).text).toBe(wholeReport(violations));
  });

  it("the dense world has several chunks' worth of violations of every kind", () => {
    const violations = evaluate(load(files.dense), { at: new Date(AT) }).violations;
    expect(violations.length).toBeGreaterThan(2000);
    expect(new Set(violations.map((v) => v.kind))).toEqual(new Set(["category_not_permitted", "purpose_not_permitted", "unsanctioned_crossing"]));
  });

  it.each(Object.entries(files))("ndjson for the %s world is the json document's array, one violation per line", async (_name, file) => {
    const json = JSON.parse((await checkOutput(file, "json")).text);
    const { code, text } = await checkOutput(file, "ndjson");
    const lines = text.split("\n");
    expect(lines.pop()).toBe(""); // every line ends with a newline, the last one too
    expect(lines.every((line) => !line.includes("\n") && line.startsWith("{"))).toBe(true);
    expect(lines.map((line) => JSON.parse(line))).toEqual(json.violations);
    expect(code).toBe(json.violations.length === 0 ? 0 : 1);
  });

  it("waits for a slow reader instead of buffering the whole answer", async () => {
    const highWaterMark = 16 * 1024;
    const out = sink(highWaterMark);
    let largestBacklog = 0;
    const write = out.stream.write.bind(out.stream);
    out.stream.write = ((chunk: string, ...rest: never[]) => {
      largestBacklog = Math.max(largestBacklog, out.stream.writableLength);
      return write(chunk, ...rest);
    }) as typeof out.stream.write;
    expect(await check([files.dense, "--at", AT], out.stream)).toBe(1);
    const total = out.text().length;
    // At most one chunk is ever waiting beyond the stream's own buffer; ignoring
    // 'drain' would let the backlog grow to most of the document.
    expect(total).toBeGreaterThan(20 * highWaterMark);
    expect(largestBacklog).toBeLessThan(total / 4);
    expect(largestBacklog).toBeGreaterThan(0);
  });
});

describe("exit codes", () => {
  it("exit 3, with the reason on stderr, when writing the answer fails", async () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = new Writable({
      write() {
        throw new Error("disk full");
      },
    });
    expect(await check([files.blocked], broken)).toBe(3);
    expect(stderr.mock.calls.flat().join("\n")).toContain("zoneline check: internal error: disk full");
  });

  it("exit 3 when the reader goes away mid-answer (the stream reports the error later)", async () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    const closed = new PassThrough({ highWaterMark: 1024 });
    closed.once("data", () => closed.destroy(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })));
    expect(await check([files.dense, "--format", "ndjson"], closed)).toBe(3);
    expect(stderr.mock.calls.flat().join("\n")).toContain("internal error: write EPIPE");
  });

  it("exit 3 from admit when writing its answer fails", async () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error("device gone"));
      },
    });
    const argv = [files.clean, "--job", "lookalike", "--purpose", "marketing.advertising", "--input", "purchase_events"];
    expect(await admit(argv, broken)).toBe(3);
    expect(stderr.mock.calls.flat().join("\n")).toContain("zoneline admit: internal error: device gone");
  });

  it("exit 2 for invalid input: a missing file, a directory, a bad option", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const out = sink();
    expect(await check([path.join(dir, "missing.json")], out.stream)).toBe(2);
    expect(await check([dir], out.stream)).toBe(2);
    expect(await check([files.clean, "--format", "yaml"], out.stream)).toBe(2);
    expect(await admit([files.clean, "--job", "j", "--purpose", "nope", "--input", "ghost"], out.stream)).toBe(2);
    expect(out.text()).toBe("");
  });
});
