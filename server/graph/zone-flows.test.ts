import { beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "@/lib/engine/evaluate";
import { demoWorld } from "@/test/demo-world";
import { useTestDatabase } from "@/test/use-database";
import { AppError } from "../errors";
import { importWorld } from "../world/import-world";
import { explainGraphSelection } from "./explain-graph-selection";
import { getZoneFlows } from "./get-zone-flows";
import { listFlowEdges } from "./list-flow-edges";

useTestDatabase("zone_flows");

beforeAll(async () => {
  await importWorld({ world: demoWorld() });
});

describe("the zone flows of the stored world", () => {
  it("each flow's edge list holds exactly the edges it counts, by verdict", async () => {
    const { flows, groups } = await getZoneFlows({ filter: {} });
    expect(groups.some((g) => g.pseudo)).toBe(true);
    expect(flows.length).toBeGreaterThan(3);
    for (const f of flows) {
      const list = await listFlowEdges({ fromZone: f.from, toZone: f.to });
      expect({ id: f.id, ...list.summary }).toEqual({ id: f.id, edges: f.edges, violation: f.violation, sanctioned: f.sanctioned, permitted: f.permitted, unreviewed: f.unreviewed });
      expect(list.total).toBe(f.edges);
      // worst first
      const ranks = list.rows.map((r) => ["violation", "unreviewed", "sanctioned", "permitted"].indexOf(r.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it("the counts are the engine's verdicts on the stored world, edge by edge", async () => {
    const world = demoWorld();
    const evaluation = evaluate(world);
    const group = new Map(world.assets.map((a) => [a.id, a.zone ?? `unzoned:${a.namespace}`]));
    const naive = new Map<string, number>();
    for (const e of world.edges) {
      const key = `${group.get(e.from)}->${group.get(e.to)}`;
      if (group.get(e.from) !== group.get(e.to) && evaluation.edgeVerdict(e.from, e.to) === "violation") naive.set(key, (naive.get(key) ?? 0) + 1);
    }
    const { flows } = await getZoneFlows({ filter: { violationsOnly: true } });
    expect(new Map(flows.map((f) => [f.id, f.violation]))).toEqual(naive);
  });

  it("an unknown zone is NOT_FOUND naming the parameter; no zone at all is a bad request", async () => {
    await expect(listFlowEdges({ fromZone: "no_such_zone", toZone: "ads" })).rejects.toThrow(new AppError("NOT_FOUND", 'fromZone: unknown zone "no_such_zone"'));
    await expect(listFlowEdges({})).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    // an unzoned namespace nobody uses is simply an empty flow
    expect((await listFlowEdges({ fromZone: "unzoned:nowhere", toZone: "ads" })).total).toBe(0);
  });
});

describe("the graph's explanation sentences", () => {
  it("name assets as the chips beside them do", async () => {
    // assistant_finetune_raw is named assistant_finetune_raw_experiment; assistant_query is /api/assistant/query
    const explained = await explainGraphSelection({ asset: "assistant_finetune_raw" });
    const category = explained.violations.find((v) => v.kind === "category_not_permitted")!;
    expect(category.explanation).toContain("it reached assistant_finetune_raw_experiment from /api/assistant/query via /api/assistant/query → AssistantInteractionsLogger →");
    expect(category.explanation).not.toMatch(/\bassistant_query\b/);
    for (const id of category.path) expect(category.explanation).toContain(explained.names[id]);
    // the path stays ids (the graph highlights by id)
    expect(category.path[0]).toBe("assistant_query");

    const edge = await explainGraphSelection({ from: "assistant_interactions", to: "assistant_finetune_raw" });
    expect(edge.violations[0].explanation).toContain("from /api/assistant/query via /api/assistant/query → AssistantInteractionsLogger → assistant_interactions → assistant_finetune_raw_experiment;");
  });
});
