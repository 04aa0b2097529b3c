import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BuildError, buildDashboard, buildStatus, SOURCE_STAMP, sourceHash, typecheck } from "./build";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A throw-away project folder holding `files` (relative path → content). */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-build-"));
  made.push(root);
  for (const [file, content] of Object.entries(files)) write(root, file, content);
  return root;
}
const write = (root: string, file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
};

const sources = {
  "package-lock.json": '{"lockfileVersion": 3}',
  "app/graph/page.tsx": "export default function Page() { return null; }",
  "lib/engine/evaluate.ts": "export const evaluate = () => [];",
  "lib/engine/evaluate.test.ts": "// a test",
};

describe("the source hash a build is stamped with", () => {
  it("is the same for an unchanged tree", () => {
    const root = project(sources);
    expect(sourceHash(root)).toBe(sourceHash(root));
    expect(sourceHash(project(sources))).toBe(sourceHash(root));
  });

  it("changes when a source file, the lock file or the set of files changes", () => {
    const root = project(sources);
    const before = sourceHash(root);
    write(root, "lib/engine/evaluate.ts", "export const evaluate = () => [1];");
    const edited = sourceHash(root);
    expect(edited).not.toBe(before);
    write(root, "package-lock.json", '{"lockfileVersion": 3, "packages": {}}');
    const relocked = sourceHash(root);
    expect(relocked).not.toBe(edited);
    write(root, "components/graph/legend.tsx", "export {};");
    expect(sourceHash(root)).not.toBe(relocked);
  });

  it("does not change when only a test file or a file outside the build changes", () => {
    const root = project(sources);
    const before = sourceHash(root);
    write(root, "lib/engine/evaluate.test.ts", "// another test");
    write(root, "e2e/graph.spec.ts", "// a browser test");
    write(root, "README.md", "# notes");
    expect(sourceHash(root)).toBe(before);
  });

  it("a build is current only while its stamp matches the sources", () => {
    const root = project(sources);
    expect(buildStatus(root, ".next")).toEqual({ current: false, reason: "no build yet" });
    write(root, ".next/BUILD_ID", "abc");
    expect(buildStatus(root, ".next")).toMatchObject({ current: false });
    write(root, `.next/${SOURCE_STAMP}`, `${sourceHash(root)}\n`);
    expect(buildStatus(root, ".next")).toEqual({ current: true });
    write(root, "app/graph/page.tsx", "export default function Page() { return 1; }"); // as a git pull would
    expect(buildStatus(root, ".next")).toEqual({ current: false, reason: "the sources changed since the last build" });
  });
});

describe("the build step's type check", () => {
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], skipLibCheck: true }, include: ["**/*.ts"] });

  it("passes a project that type-checks", () => {
    const root = project({ "tsconfig.json": tsconfig, "lib/ok.ts": "export const n: number = 1;" });
    expect(typecheck(root)).toEqual({ ok: true, output: "" });
  });

  it("a type error fails the build before next build runs", () => {
    const root = project({ "tsconfig.json": tsconfig, "lib/broken.ts": 'export const n: number = "one";' });
    const result = typecheck(root);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/lib\/broken\.ts.*TS2322/);
    expect(() => buildDashboard({ root, distDir: ".next", log: () => {} })).toThrow(BuildError);
    expect(fs.existsSync(path.join(root, ".next"))).toBe(false);
  });
}, 60_000);
