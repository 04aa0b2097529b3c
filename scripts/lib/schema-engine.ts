import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Prisma's CLI insists on its native schema engine even for `generate`, and the
 * download fails on machines without internet (ENVIRONMENT.md). When no real
 * engine is present we point Prisma at a stub that only has to exist; a machine
 * that did download the engine keeps using it.
 */
export function prismaEnvWithEngineFallback(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) return env;
  const enginesDir = path.resolve("node_modules/@prisma/engines");
  const hasNativeEngine =
    fs.existsSync(enginesDir) && fs.readdirSync(enginesDir).some((file) => file.startsWith("schema-engine"));
  if (hasNativeEngine) return env;
  const stub = path.join(os.tmpdir(), "zoneline-schema-engine-stub.sh");
  fs.writeFileSync(stub, "#!/bin/sh\necho 'no native schema engine on this machine' >&2\nexit 1\n", { mode: 0o755 });
  return { ...env, PRISMA_SCHEMA_ENGINE_BINARY: stub };
}
