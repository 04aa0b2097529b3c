import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `zoneline …` as a user runs it (node with tsx, from the project folder).
 * Asynchronously, never spawnSync: on the embedded database (no DATABASE_URL)
 * this test process serves PGlite to the CLI, which a blocked event loop cannot do.
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, env: { ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
