// GET /api/v1/world: the world file, as `zoneline export` writes it.
// POST /api/v1/world: imports a world file as `zoneline import` does (partial
// worlds, idempotent, all or nothing, errors naming JSON paths), then
// re-evaluates what changed (DESIGN.md 7).
import { formatWorldError, parseWorld, serializeWorld } from "@/lib/world";
import { requireApiCaller } from "@/server/auth/api-caller";
import { AppError } from "@/server/errors";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { MiB, readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/respond";
import { importWorld } from "@/server/world/import-world";
import { loadParseContext, loadWorld } from "@/server/world/load-world";

export const dynamic = "force-dynamic";

const BODY_LIMIT = 10 * MiB;

export async function GET(request: Request) {
  return respond(request, async () => {
    await requireApiCaller(request, { scope: "read", permission: "read" });
    return new Response(serializeWorld(await loadWorld()), { headers: { "content-type": "application/json; charset=utf-8" } });
  });
}

export async function POST(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "world:write", permission: "world.evaluate" });
    const body = await readJsonBody(request, BODY_LIMIT);
    // a partial world may refer to zones, assets and taxonomy keys the database already holds
    const parsed = parseWorld(body, await loadParseContext());
    if (!parsed.ok) {
      const details = parsed.errors.map(formatWorldError);
      throw new AppError("UNPROCESSABLE", `not a valid world file (${details.length} error${details.length === 1 ? "" : "s"}): ${details[0]}`, details);
    }
    const imported = await importWorld({ world: parsed.world, actor: caller.name });
    const evaluation = imported.changed ? await runEvaluation({ trigger: "import", actor: caller.name }) : null;
    return {
      ...imported,
      evaluation: evaluation && { runId: evaluation.runId, worldVersion: evaluation.worldVersion, violationCount: evaluation.violationCount, newViolations: evaluation.newViolations, resolvedViolations: evaluation.resolvedViolations },
    };
  });
}
