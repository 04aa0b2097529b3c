import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// STYLE.md's one-way data flow, checked on the sources: components (and the
// client files of app/) talk to the server only over HTTP or through props, so
// they import nothing from server/, not even types; lib/ stays pure TypeScript.
const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...sourceFiles(rel));
    } else if (/\.(ts|tsx)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Every module specifier a file imports, re-exports or loads with import(), resolved to a project path where it is one. */
function importsOf(file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map(({ fileName }) => {
    if (fileName.startsWith("@/")) return path.normalize(fileName.slice(2));
    if (fileName.startsWith(".")) return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), fileName));
    return fileName; // a package
  });
}

const isClientFile = (source: string) => /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(source);
const inServer = (target: string) => target === "server" || target.startsWith(`server${path.sep}`);
const FORBIDDEN_IN_LIB = [/^next(\/|$)/, /^react(-dom)?(\/|$)/, /^@prisma\//, /^@xyflow\//, /^(generated|server|components|app)(\/|$)/];

function violations(files: string[], forbidden: (target: string) => boolean): string[] {
  const found: string[] = [];
  for (const file of files) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const target of importsOf(file, source)) if (forbidden(target)) found.push(`${file} imports ${target}`);
  }
  return found;
}

describe("import boundaries", () => {
  it("the check sees static, type-only, re-exported and dynamic imports, by alias or relative path", () => {
    const sample = [
      `import type { A } from "@/server/graph/a";`,
      `export { B } from "../../server/b";`,
      `const c = await import("@/server/c");`,
      `import { D } from "@/lib/d";`,
    ].join("\n");
    expect(importsOf("components/graph/x.tsx", sample).filter(inServer)).toEqual(["server/graph/a", "server/b", "server/c"]);
    expect(isClientFile(`// a comment\n"use client";\nimport x from "y";`)).toBe(true);
    expect(isClientFile(`import x from "y";\n"use client";`)).toBe(false);
  });

  it("no file under components/ imports from server/, not even a type", () => {
    expect(violations(sourceFiles("components"), inServer)).toEqual([]);
  });

  it('no "use client" file under app/ imports from server/', () => {
    const clientFiles = sourceFiles("app").filter((file) => isClientFile(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(clientFiles.length).toBeGreaterThan(0);
    expect(violations(clientFiles, inServer)).toEqual([]);
  });

  it("lib/ imports nothing from Next, React, Prisma, the canvas library, server/, components/ or app/", () => {
    expect(violations(sourceFiles("lib"), (target) => FORBIDDEN_IN_LIB.some((pattern) => pattern.test(target)))).toEqual([]);
  });
});
