// A path request checked against the world as the engine holds it: the shape
// (lib/paths/request.ts), then that its zones, categories and purpose exist and
// its expiry lies ahead. Every problem is reported at once, each naming its field.
import type { PathStatus } from "@/generated/prisma/client";
import type { SanctionedPath } from "@/lib/world/schema";
import { PathRequestInput, type PathRequest } from "@/lib/paths/request";
import { covers } from "@/lib/taxonomy";
import { AppError } from "../errors";
import type { WorldState } from "../world/world-state";

export type CheckedRequest = { request: PathRequest; warnings: string[] };

/** Where the request came from on the graph: its categories should be the ones flowing along this edge. */
export type RequestEdge = { from: string; to: string } | null;

export function checkPathRequest(state: WorldState, input: unknown, edge: RequestEdge = null, now = new Date()): CheckedRequest {
  const parsed = PathRequestInput.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => (/^\w+: /.test(issue.message) ? issue.message : `${String(issue.path[0] ?? "input")}: ${issue.message}`));
    throw new AppError("INVALID_REQUEST", details[0], details);
  }
  const request = parsed.data;
  const policy = state.evaluation.state.policy;
  const details: string[] = [];
  if (!policy.zoneIndex.has(request.from)) details.push(`from: unknown zone "${request.from}"`);
  if (request.to !== null && !policy.zoneIndex.has(request.to)) details.push(`to: unknown zone "${request.to}"`);
  if (request.to !== null && request.to === request.from) details.push("to: a path must lead out of its zone: choose another zone or out of all zones");
  for (const category of request.categories) if (!policy.categoryIndex.has(category)) details.push(`categories: unknown category "${category}"`);
  if (request.purpose !== null && !policy.purposeIndex.has(request.purpose)) details.push(`purpose: unknown purpose "${request.purpose}"`);
  if (request.expiresAt !== null && request.expiresAt.getTime() <= now.getTime()) details.push(`expiresAt: must be in the future (${request.expiresAt.toISOString()} has passed)`);
  if (details.length > 0) throw new AppError("INVALID_REQUEST", details[0], details);
  request.categories = [...new Set(request.categories)].sort();

  const warnings: string[] = [];
  if (edge && state.evaluation.hasAsset(edge.from) && state.evaluation.hasAsset(edge.to)) {
    let flowing: string[] = [];
    try {
      flowing = state.evaluation.flowingCategories(edge.from, edge.to);
    } catch {
      warnings.push(`edge: ${edge.from} → ${edge.to} is no longer in the lineage`);
    }
    const idle = request.categories.filter((c) => !flowing.some((f) => covers(c, f) || covers(f, c)));
    if (flowing.length > 0 && idle.length > 0) warnings.push(`categories: ${idle.join(", ")} ${idle.length === 1 ? "does" : "do"} not flow along ${edge.from} → ${edge.to} (flowing: ${flowing.join(", ")})`);
  }
  return { request, warnings };
}

/** The request as the engine would hold it once approved (for the dry run). */
export function triedPath(id: string, request: PathRequest, requester: string, status: PathStatus = "approved"): SanctionedPath {
  return {
    id,
    from: request.from,
    to: request.to,
    categories: request.categories,
    purpose: request.purpose,
    justification: request.justification,
    requester,
    reviewer: null,
    status,
    expiresAt: request.expiresAt?.toISOString() ?? null,
    requestedAt: null,
    reviewedAt: null,
    reviewNote: null,
  };
}
