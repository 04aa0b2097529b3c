import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { parseWorld } from "@/lib/world";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "../world/import-world";
import { currentWorldState, resetWorldState } from "../world/world-state";
import { MAX_EDGES_PER_REVIEW, reviewEdges } from "./review-edges";
import { listUnreviewedEdges } from "./list-unreviewed-edges";

const db = useTestDatabase("review");
const rosa: Actor = { id: "u1", email: "rosa@test.zoneline", name: "Rosa", roles: ["privacy_reviewer"] };
const omar: Actor = { id: "u2", email: "omar@test.zoneline", name: "Omar", roles: ["privacy_reviewer"] };
const engineer: Actor = { id: "u3", email: "eng@test.zoneline", name: "Eng", roles: ["engineer"] };
const admin: Actor = { id: "u4", email: "admin@test.zoneline", name: "Admin", roles: ["admin", "legal"] };

beforeAll(async () => {
  const parsed = parseWorld({
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user" }], purposes: [] },
      { id: "recs", name: "Recs", color: "#16a34a", allow: [{ category: "user" }], purposes: [] },
    ],
    assets: [
      { id: "pixel", namespace: "web", name: "pixel", kind: "web_endpoint", zone: "ads" },
      { id: "events", namespace: "w", name: "events", kind: "table", zone: "ads" },
      { id: "model", namespace: "jobs", name: "model", kind: "batch_job", zone: "recs" },
      { id: "report", namespace: "bi", name: "report", kind: "report" },
    ],
    edges: [
      { from: "pixel", to: "events", signals: ["web_probe"], firstSeen: "2026-11-01T00:00:00Z" },
      { from: "events", to: "model", signals: ["sql"], firstSeen: "2026-11-20T00:00:00Z" },
      { from: "model", to: "report", signals: ["sql", "manual"], firstSeen: "2026-11-25T00:00:00Z" },
      { from: "pixel", to: "report", signals: ["manual"], reviewState: "reviewed", reviewedBy: "earlier@test.zoneline", reviewedAt: "2026-10-01T00:00:00Z" },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importWorld({ world: parsed.world });
});

const edgeRow = (from: string, to: string) => db.prisma().lineageEdge.findUniqueOrThrow({ where: { fromId_toId: { fromId: from, toId: to } } });
const snapshot = async () => ({
  edges: await db.prisma().lineageEdge.findMany({ orderBy: { id: "asc" } }),
  audit: await db.prisma().auditEntry.count(),
  version: await db.prisma().worldChange.count(),
});

describe("edge review", () => {
  it("lists unreviewed edges filtered by zone, signal and first-seen range", async () => {
    const all = await listUnreviewedEdges({});
    expect(all.rows.map((e) => `${e.fromId}->${e.toId}`).sort()).toEqual(["events->model", "model->report", "pixel->events"]);
    expect((await listUnreviewedEdges({ zone: "recs" })).rows.map((e) => `${e.fromId}->${e.toId}`).sort()).toEqual(["events->model", "model->report"]);
    expect((await listUnreviewedEdges({ signal: "sql" })).rows.map((e) => `${e.fromId}->${e.toId}`).sort()).toEqual(["events->model", "model->report"]);
    expect((await listUnreviewedEdges({ seenFrom: "2026-11-10", seenTo: "2026-11-21" })).rows.map((e) => `${e.fromId}->${e.toId}`)).toEqual(["events->model"]);
  });

  it("refuses every role but the privacy reviewer, writing nothing", async () => {
    const before = await snapshot();
    await expect(reviewEdges(engineer, { edges: [{ from: "pixel", to: "events" }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewEdges(admin, { edges: [{ from: "pixel", to: "events" }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an empty selection, too many edges and an unknown edge, writing nothing", async () => {
    const before = await snapshot();
    await expect(reviewEdges(rosa, { edges: [] })).rejects.toMatchObject({ code: "INVALID_REQUEST", details: ["edges: select at least one edge"] });
    const many = Array.from({ length: MAX_EDGES_PER_REVIEW + 1 }, (_, i) => ({ from: `a${i}`, to: `b${i}` }));
    await expect(reviewEdges(rosa, { edges: many })).rejects.toMatchObject({ code: "INVALID_REQUEST", details: [`edges: at most ${MAX_EDGES_PER_REVIEW} edges at once`] });
    await expect(reviewEdges(rosa, { edges: [{ from: "pixel", to: "events" }, { from: "pixel", to: "nowhere" }] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: ['edges[1]: unknown edge "pixel" → "nowhere"'],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("marks one edge reviewed with who and when, one audit entry, and the world state replays it", async () => {
    await currentWorldState();
    const result = await reviewEdges(rosa, { edges: [{ from: "pixel", to: "events" }] });
    expect(result.reviewed).toEqual([{ from: "pixel", to: "events" }]);
    expect(await edgeRow("pixel", "events")).toMatchObject({ reviewState: "reviewed", reviewedBy: rosa.email, reviewedAt: result.reviewedAt });
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    expect(entry).toMatchObject({ actor: rosa.email, action: "edge.review", subject: "edge:pixel->events", payload: { edges: [{ from: "pixel", to: "events" }], skipped: [] } });
    const change = await db.prisma().worldChange.findFirstOrThrow({ orderBy: { version: "desc" } });
    expect(change.described).toBe(true);
    const state = await currentWorldState();
    expect(state.reachedBy).toBe("replay");
    expect(state.world().edges.find((e) => e.from === "pixel" && e.to === "events")).toMatchObject({ reviewState: "reviewed", reviewedBy: rosa.email });
    resetWorldState();
    expect((await currentWorldState()).world().edges.find((e) => e.from === "pixel" && e.to === "events")).toMatchObject({ reviewState: "reviewed", reviewedBy: rosa.email });
  });

  it("a bulk review is one entry listing the edges; edges already reviewed are skipped and named", async () => {
    const audits = await db.prisma().auditEntry.count();
    const result = await reviewEdges(omar, {
      edges: [
        { from: "events", to: "model" },
        { from: "pixel", to: "events" },
        { from: "model", to: "report" },
        { from: "pixel", to: "report" },
      ],
    });
    expect(result.reviewed).toEqual([{ from: "events", to: "model" }, { from: "model", to: "report" }]);
    expect(result.skipped).toMatchObject([{ from: "pixel", to: "events", reviewedBy: rosa.email }, { from: "pixel", to: "report", reviewedBy: "earlier@test.zoneline" }]);
    expect(await db.prisma().auditEntry.count()).toBe(audits + 1);
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    expect(entry).toMatchObject({ actor: omar.email, subject: "edges:2", payload: { edges: [{ from: "events", to: "model" }, { from: "model", to: "report" }] } });
    expect(await edgeRow("pixel", "events")).toMatchObject({ reviewedBy: rosa.email });
    expect((await listUnreviewedEdges({})).total).toBe(0);
  });

  it("two reviewers marking one edge at the same moment: one decision is recorded, the other is told it was already reviewed", async () => {
    await db.prisma().lineageEdge.update({ where: { fromId_toId: { fromId: "pixel", toId: "report" } }, data: { reviewState: "unreviewed", reviewedBy: null, reviewedAt: null } });
    const audits = await db.prisma().auditEntry.count();
    const results = await Promise.all([rosa, omar].map((actor) => reviewEdges(actor, { edges: [{ from: "pixel", to: "report" }] })));
    expect(results.map((r) => r.reviewed.length).sort()).toEqual([0, 1]);
    const winner = results.findIndex((r) => r.reviewed.length === 1);
    const loser = results[1 - winner];
    expect(loser.skipped).toMatchObject([{ from: "pixel", to: "report", reviewedBy: [rosa, omar][winner].email }]);
    expect(await db.prisma().auditEntry.count()).toBe(audits + 1);
    expect(await edgeRow("pixel", "report")).toMatchObject({ reviewedBy: [rosa, omar][winner].email });
  });

  it("a review of only reviewed edges writes nothing", async () => {
    const before = await snapshot();
    const result = await reviewEdges(rosa, { edges: [{ from: "events", to: "model" }] });
    expect(result).toMatchObject({ reviewed: [], skipped: [{ from: "events", to: "model", reviewedBy: omar.email }] });
    expect(await snapshot()).toEqual(before);
  });
});
