// Requesting and deciding sanctioned paths against a real database (DESIGN.md
// "Sanctioned-path lifecycle" and "Roles and permissions").
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { parseWorld } from "@/lib/world";
import { useTestDatabase } from "@/test/use-database";
import type { Actor } from "../auth/actor";
import { AppError } from "../errors";
import { importWorld } from "../world/import-world";
import { currentWorldState } from "../world/world-state";
import { decidePath } from "./decide-path";
import { listReviewQueue } from "./list-review-queue";
import { previewPathRequest, requestPath } from "./request-path";

const db = useTestDatabase("paths");

const person = (email: string, roles: Role[]): Actor => ({ id: email, email, name: email, roles });
const engineer = person("jin@example.com", ["engineer"]);
const reviewer = person("rosa@example.com", ["privacy_reviewer"]);
const secondReviewer = person("ana@example.com", ["privacy_reviewer"]);
const both = person("sam@example.com", ["engineer", "privacy_reviewer"]);
const legal = person("lena@example.com", ["legal"]);

// Ads' purchases flow into a Recs job: a red crossing until a path from Ads to Recs allows them.
const WORLD = {
  zones: [
    { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user" }], purposes: ["marketing.advertising"] },
    { id: "recs", name: "Recs", color: "#16a34a", allow: [{ category: "user.behavior" }, { category: "user.unique_id" }], purposes: ["personalize.content"] },
  ],
  assets: [
    { id: "purchases", namespace: "w", name: "purchases", kind: "table", zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] },
    { id: "affinity", namespace: "j", name: "affinity", kind: "batch_job", zone: "recs", purpose: "personalize.content" },
  ],
  edges: [{ from: "purchases", to: "affinity" }],
};

const goodRequest = { from: "ads", to: "recs", categories: ["user.behavior.purchase_history"], purpose: "personalize.content", justification: "Boost shopping content for recent buyers.", expiresAt: "" };

async function refusal(work: Promise<unknown>): Promise<{ code: string; status: number; details: string }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, details: [error.message, ...error.details].join("; ") };
    throw error;
  }
  throw new Error("expected a refusal");
}

const verdict = async () => (await currentWorldState()).evaluation.edgeVerdict("purchases", "affinity");
const auditFor = (id: string) => db.prisma().auditEntry.findMany({ where: { subject: `path:${id}` }, orderBy: { sequence: "asc" } });

beforeAll(async () => {
  const parsed = parseWorld(WORLD);
  if (!parsed.ok) throw new Error("world");
  await importWorld({ world: parsed.world });
});

describe("requesting a path", () => {
  it("an engineer's request is stored pending, with its world version and one audit entry naming them", async () => {
    const before = await db.prisma().worldChange.count();
    const { path, dryRun } = await requestPath(engineer, goodRequest);
    expect(path).toMatchObject({ from: "ads", to: "recs", status: "pending", requester: "jin@example.com", reviewer: null });
    expect(dryRun.resolves.map((v) => v.edge)).toEqual([{ from: "purchases", to: "affinity" }]);
    expect(await db.prisma().worldChange.count()).toBe(before + 1);
    const [entry] = await auditFor(path.id);
    expect(entry).toMatchObject({ actor: "jin@example.com", action: "path.request" });
    expect(entry.payload).toMatchObject({ to: "pending", dryRun: { resolves: 1, opens: 0 } });
    expect(await verdict()).toBe("violation"); // pending applies to nothing
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const paths = await db.prisma().sanctionedPath.count();
    const entries = await db.prisma().auditEntry.count();
    const bad = async (change: Record<string, unknown>) => (await refusal(requestPath(engineer, { ...goodRequest, ...change }))).details;
    expect(await bad({ to: "nowhere" })).toMatch(/to: unknown zone "nowhere"/);
    expect(await bad({ categories: ["user.made_up"] })).toMatch(/categories: unknown category "user\.made_up"/);
    expect(await bad({ categories: [] })).toMatch(/categories: choose at least one category/);
    expect(await bad({ expiresAt: "2020-01-01" })).toMatch(/expiresAt: must be in the future/);
    expect(await bad({ justification: "   " })).toMatch(/justification: required/);
    expect(await bad({ purpose: "not.a_purpose" })).toMatch(/purpose: unknown purpose/);
    expect(await bad({ to: "ads" })).toMatch(/to: a path must lead out of its zone/);
    expect(await db.prisma().sanctionedPath.count()).toBe(paths);
    expect(await db.prisma().auditEntry.count()).toBe(entries);
  });

  it("warns, without refusing, when a category does not flow along the chosen edge", async () => {
    const preview = await previewPathRequest(engineer, { ...goodRequest, categories: ["user.behavior.purchase_history", "user.contact.email"] }, { from: "purchases", to: "affinity" });
    expect(preview.warnings).toEqual(["categories: user.contact.email does not flow along purchases → affinity (flowing: user.behavior.purchase_history)"]);
  });

  it("the dry run says why a path for another purpose would leave the crossing red", async () => {
    const preview = await previewPathRequest(engineer, { ...goodRequest, purpose: "marketing.advertising" });
    expect(preview.dryRun.resolves).toEqual([]);
    expect(preview.dryRun.unresolved[0].reasons[0]).toMatch(/does not cover affinity's purpose personalize\.content/);
  });

  it("legal and signed-out visitors may not request", async () => {
    expect(await refusal(requestPath(legal, goodRequest))).toMatchObject({ code: "FORBIDDEN", status: 403 });
    expect(await refusal(requestPath(null, goodRequest))).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  });
});

describe("deciding a path", () => {
  it("approving turns the crossing green at once, audits the decision with its dry run, and re-runs the evaluation", async () => {
    const { path } = await requestPath(engineer, goodRequest);
    const queue = await listReviewQueue();
    const queued = queue.find((q) => q.path.id === path.id)!;
    expect(queued.dryRun.resolves).toHaveLength(1);
    expect(queued.lineage).toBe("/graph?sel=e%3Apurchases%3Eaffinity&focus=purchases&depth=1");
    const runs = await db.prisma().evaluationRun.count();

    await decidePath(reviewer, { id: path.id, transition: "approve", note: "" });

    expect(await verdict()).toBe("sanctioned");
    const stored = await db.prisma().sanctionedPath.findUniqueOrThrow({ where: { id: path.id } });
    expect(stored).toMatchObject({ status: "approved", reviewer: "rosa@example.com" });
    const entries = await auditFor(path.id);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ["path.request", "jin@example.com"],
      ["path.approve", "rosa@example.com"],
    ]);
    expect(entries[1].payload).toMatchObject({ from: "pending", to: "approved", dryRun: { resolves: 1, resolved: ["unsanctioned_crossing purchases → affinity"] } });
    expect(await db.prisma().evaluationRun.count()).toBe(runs + 1);
    expect(await db.prisma().violation.count({ where: { kind: "unsanctioned_crossing", resolvedRunId: null } })).toBe(0);

    // revoking needs a note, then re-opens the crossing
    expect(await refusal(decidePath(reviewer, { id: path.id, transition: "revoke", note: " " }))).toMatchObject({ code: "INVALID_REQUEST", details: expect.stringMatching(/note: required to revoke/) });
    const revoked = await decidePath(secondReviewer, { id: path.id, transition: "revoke", note: "The partner contract ended." });
    expect(revoked.dryRun.opens.map((v) => v.kind)).toEqual(["unsanctioned_crossing"]);
    expect(await verdict()).toBe("violation");
    const last = (await auditFor(path.id)).at(-1)!;
    expect(last).toMatchObject({ action: "path.revoke", actor: "ana@example.com" });
    expect(last.payload).toMatchObject({ from: "approved", to: "revoked", note: "The partner contract ended.", dryRun: { opens: 1 } });
  });

  it("nobody reviews their own request, whatever roles they hold", async () => {
    const { path } = await requestPath(both, goodRequest);
    const refused = await refusal(decidePath(both, { id: path.id, transition: "approve" }));
    expect(refused).toMatchObject({ code: "FORBIDDEN", status: 403, details: expect.stringMatching(/nobody reviews their own request/) });
    expect(await refusal(decidePath(both, { id: path.id, transition: "reject", note: "no" }))).toMatchObject({ code: "FORBIDDEN" });
    expect((await db.prisma().sanctionedPath.findUniqueOrThrow({ where: { id: path.id } })).status).toBe("pending");
  });

  it("legal and engineers cannot approve; only the requester withdraws", async () => {
    const { path } = await requestPath(engineer, goodRequest);
    expect(await refusal(decidePath(legal, { id: path.id, transition: "approve" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(decidePath(engineer, { id: path.id, transition: "approve" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(decidePath(both, { id: path.id, transition: "withdraw" }))).toMatchObject({ code: "FORBIDDEN", details: expect.stringMatching(/only the requester/) });
    await decidePath(engineer, { id: path.id, transition: "withdraw" });
    const stored = await db.prisma().sanctionedPath.findUniqueOrThrow({ where: { id: path.id } });
    expect(stored).toMatchObject({ status: "withdrawn", reviewer: null });
    expect((await auditFor(path.id)).at(-1)).toMatchObject({ action: "path.withdraw", actor: "jin@example.com" });
  });

  it("rejecting needs a note; a decided request cannot be decided again", async () => {
    const { path } = await requestPath(engineer, goodRequest);
    expect(await refusal(decidePath(reviewer, { id: path.id, transition: "reject" }))).toMatchObject({ code: "INVALID_REQUEST", details: expect.stringMatching(/note: required to reject/) });
    await decidePath(reviewer, { id: path.id, transition: "reject", note: "Use aggregates." });
    expect(await refusal(decidePath(secondReviewer, { id: path.id, transition: "approve" }))).toMatchObject({ code: "CONFLICT", status: 409, details: expect.stringMatching(/this request was already decided \(it is rejected\)/) });
    expect(await verdict()).toBe("violation");
  });

  it("two reviewers deciding at the same moment: exactly one wins, the other is told it was already decided", async () => {
    for (let round = 0; round < 3; round++) {
      const { path } = await requestPath(engineer, goodRequest);
      const results = await Promise.allSettled([
        decidePath(reviewer, { id: path.id, transition: "approve" }, { evaluate: "skip" }),
        decidePath(secondReviewer, { id: path.id, transition: "reject", note: "Not this quarter." }, { evaluate: "skip" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(AppError);
      expect({ code: lost.reason.code, status: lost.reason.status, message: lost.reason.message }).toMatchObject({ code: "CONFLICT", status: 409, message: expect.stringMatching(/^this request was already decided/) });
      const decisions = (await auditFor(path.id)).filter((e) => e.action !== "path.request");
      expect(decisions).toHaveLength(1);
      const stored = await db.prisma().sanctionedPath.findUniqueOrThrow({ where: { id: path.id } });
      expect(decisions[0].action).toBe(stored.status === "approved" ? "path.approve" : "path.reject");
      // leave no approved path behind for the next round
      if (stored.status === "approved") await decidePath(reviewer, { id: path.id, transition: "revoke", note: "cleanup" }, { evaluate: "skip" });
    }
  });

  it("a decision that passed its checks while another one committed loses on the conditional update", async (context) => {
    // the embedded database serves every connection from one session: two transactions cannot interleave there
    if (process.env.ZONELINE_EMBEDDED === "1") context.skip();
    const { path } = await requestPath(engineer, goodRequest);
    // another reviewer's transaction holds the row and commits its decision while ours is on its way
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "SanctionedPath" WHERE id = $1 FOR UPDATE`, [path.id]);
      const ours = decidePath(reviewer, { id: path.id, transition: "approve" }, { evaluate: "skip" }).then(() => null, (error: AppError) => error);
      await new Promise((resolve) => setTimeout(resolve, 300)); // ours has read "pending" and waits on the row
      await other.query(`UPDATE "SanctionedPath" SET status = 'rejected', reviewer = 'ana@example.com', "reviewNote" = 'first' WHERE id = $1`, [path.id]);
      await other.query("COMMIT");
      const error = await ours;
      expect(error).toBeInstanceOf(AppError);
      expect({ code: error!.code, message: error!.message }).toEqual({ code: "CONFLICT", message: "this request was already decided (it is rejected)" });
    } finally {
      await other.end();
    }
    expect((await auditFor(path.id)).map((e) => e.action)).toEqual(["path.request"]);
    expect(await verdict()).toBe("violation");
  });
});
