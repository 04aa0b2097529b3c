// The dashboard's production build, shared by `npm run build`, `npm start` and
// `npm test`: type-check, `next build`, and a stamp of the sources it was built
// from, so that `npm start` rebuilds after a `git pull` instead of serving a stale build.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);

/**
 * What `next build` reads. A content hash rather than git's HEAD: it also
 * sees uncommitted edits and works in a copy without .git; the whole set is
 * about 2 MB, so hashing it takes tens of milliseconds. `generated/` is the
 * Prisma client the build bundles (regenerated from prisma/schema.prisma on install).
 */
export const BUILD_INPUTS = {
  dirs: ["app", "components", "lib", "server", "generated", "public"],
  files: ["package.json", "package-lock.json", "next.config.js", "postcss.config.mjs", "tsconfig.json", "proxy.ts", "instrumentation.ts", "prisma/schema.prisma"],
};
// Tests sit next to the code but never reach the bundle; editing one must not cost a rebuild.
const NOT_BUILT = /\.test\.tsx?$/;
export const SOURCE_STAMP = "zoneline-source-hash";

function* buildInputFiles(root: string, inputs: typeof BUILD_INPUTS): Generator<string> {
  for (const file of inputs.files) if (fs.existsSync(path.join(root, file))) yield file;
  for (const dir of inputs.dirs) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    for (const entry of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || NOT_BUILT.test(entry.name)) continue;
      const relative = path.relative(root, path.join(entry.parentPath, entry.name));
      if (!relative.split(path.sep).includes("node_modules")) yield relative;
    }
  }
}

/** sha256 over the build inputs' relative paths and contents, in a fixed order. */
export function sourceHash(root = PROJECT_ROOT, inputs = BUILD_INPUTS): string {
  const hash = crypto.createHash("sha256");
  for (const file of [...buildInputFiles(root, inputs)].sort()) {
    hash.update(file.split(path.sep).join("/")).update("\0");
    hash.update(fs.readFileSync(path.join(root, file))).update("\0");
  }
  return hash.digest("hex");
}

export type BuildStatus = { current: true } | { current: false; reason: string };

/** Whether the build in `distDir` was made from the sources as they are now. */
export function buildStatus(root: string, distDir: string): BuildStatus {
  const dist = path.resolve(root, distDir);
  if (!fs.existsSync(path.join(dist, "BUILD_ID"))) return { current: false, reason: "no build yet" };
  const stamp = path.join(dist, SOURCE_STAMP);
  if (!fs.existsSync(stamp)) return { current: false, reason: "the build does not record its sources" };
  if (fs.readFileSync(stamp, "utf8").trim() !== sourceHash(root)) return { current: false, reason: "the sources changed since the last build" };
  return { current: true };
}

/** `tsc --noEmit` over the project in `projectDir` (its tsconfig.json), with the project's own TypeScript. */
export function typecheck(projectDir: string): { ok: boolean; output: string } {
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", projectDir], { cwd: projectDir, encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`.trim() };
}

export class BuildError extends Error {}

/**
 * Type-checks, then builds into `distDir` and stamps the build with the hash of
 * the sources as they were when it began (an edit during the build makes the
 * next start rebuild). next.config.js skips Next's own type check: this one
 * covers the whole project, so doing it twice would only double the cost.
 */
export function buildDashboard({ root = PROJECT_ROOT, distDir, log = console.log }: { root?: string; distDir: string; log?: (message: string) => void }): void {
  const hash = sourceHash(root);
  log("type-checking (tsc --noEmit)…");
  const types = typecheck(root);
  if (!types.ok) {
    console.error(types.output);
    throw new BuildError("the project does not type-check (tsc --noEmit above); the build was not made");
  }
  log(`building the dashboard into ${distDir}…`);
  const next = require.resolve("next/dist/bin/next");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ZONELINE_DIST_DIR: distDir };
  const result = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) throw new BuildError(`next build failed (exit ${result.status ?? result.signal})`);
  fs.writeFileSync(path.join(root, distDir, SOURCE_STAMP), `${hash}\n`);
}

export const distDirFromEnv = () => process.env.ZONELINE_DIST_DIR || ".next";
