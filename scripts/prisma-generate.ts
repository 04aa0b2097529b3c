// `prisma generate` that works offline (see scripts/lib/schema-engine.ts).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { prismaEnvWithEngineFallback } from "./lib/schema-engine.ts";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [prismaCli, "generate", "--no-hints"], {
  stdio: "inherit",
  env: prismaEnvWithEngineFallback(),
});
process.exit(result.status ?? 1);
