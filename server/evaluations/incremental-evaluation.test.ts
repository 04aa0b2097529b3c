// Incremental evaluation runs (issue 10, continuous verification): a run that
// re-explains only what changed since the previous run must store exactly what
// a full evaluation of the same world would, over any sequence of changes the
// app makes — lineage ingestion, label and transform edits, path decisions,
// zone edits — on a real database.
import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/engine/evaluate";
import { parseOpenLineageEvent } from "@/lib/lineage/openlineage-event";
import { prng } from "@/lib/random";
import { parseWorld } from "@/lib/world";
import type { Asset, Edge, World } from "@/lib/world/schema";
import { useTestDatabase } from "@/test/use-database";
import type { Actor } from "../auth/actor";
import { recordOpenLineageEvents } from "../lineage/record-openlineage-events";
import { decidePath } from "../paths/decide-path";
import { requestPath } from "../paths/request-path";
import { saveZone } from "../zones/save-zone";
import { importWorld } from "../world/import-world";
import { currentWorldState, readConsistentWorld } from "../world/world-state";
import { runEvaluation, subjectOf } from "./run-evaluation";

const db = useTestDatabase("incremental");

const engineer: Actor = { id: "e", email: "eng@test.zoneline", name: "Eng", roles: ["engineer"] };
const reviewer: Actor = { id: "r", email: "rosa@test.zoneline", name: "Rosa", roles: ["privacy_reviewer"] };

const CATEGORIES = ["user", "user.contact", "user.contact.email", "user.behavior", "user.behavior.purchase_history", "user.location", "system.operations"];
const PURPOSES = ["marketing.advertising", "analytics.reporting", "personalize.content", "train_ai_system"];
const QUALIFIERS = ["identified", "pseudonymized", "aggregated"] as const;
const TRANSFORMS = ["aggregate", "pseudonymize", "filter_consented", "drop:user.contact", "drop:user.behavior.purchase_history"];
const ZONES = ["za", "zb", "zc", "zd"];
const ASSETS = 150;

const random = prng(20261130);
const int = (n: number) => Math.floor(random() * n);
const pick = <T,>(values: readonly T[]): T => values[int(values.length)];
const labels = () => Array.from({ length: 1 + int(2) }, () => ({ category: pick(CATEGORIES), qualifier: pick(QUALIFIERS), consented: random() < 0.5 }));
const rules = () => Array.from({ length: 1 + int(3) }, () => ({ category: pick(CATEGORIES), minQualifier: pick(QUALIFIERS), requireConsent: random() < 0.2 }));
const transforms = () => (random() < 0.7 ? [] : [pick(TRANSFORMS)]);

/** Pipelines with locality, cycles and zone hand-overs, so provenance paths are long and varied. */
function randomWorld(): World {
  const id = (i: number) => `a${String(i).padStart(3, "0")}`;
  const edges = new Map<string, { from: string; to: string; transforms: string[] }>();
  for (let k = 0; k < ASSETS * 3; k++) {
    const from = int(ASSETS);
    const to = random() < 0.9 ? Math.min(ASSETS - 1, from + 1 + int(12)) : int(ASSETS);
    if (to !== from) edges.set(`${from}-${to}`, { from: id(from), to: id(to), transforms: transforms() });
  }
  const parsed = parseWorld({
    zones: ZONES.map((z) => ({ id: z, name: `Zone ${z}`, color: "#123456", allow: rules(), purposes: [pick(PURPOSES)] })),
    assets: Array.from({ length: ASSETS }, (_, i) => ({
      id: id(i),
      namespace: "w",
      name: id(i),
      kind: "table",
      zone: random() < 0.1 ? null : ZONES[Math.min(ZONES.length - 1, Math.floor(i / (ASSETS / ZONES.length)) + (random() < 0.2 ? 1 : 0))],
      labels: i % 5 === 0 ? labels() : [],
      purpose: random() < 0.2 ? pick(PURPOSES) : null,
    })),
    edges: [...edges.values()],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.world;
}

const row = (v: { kind: string; subject: string; zoneId: string; categories: string[]; explanation: string; path: string[] }) =>
  JSON.stringify([v.kind, v.subject, v.zoneId, v.categories, v.explanation, v.path]);

/** The stored open violations, and what a full evaluation of the current world at the cached state's instant finds. */
async function storedAndFull(): Promise<{ stored: string[]; full: string[] }> {
  const state = await currentWorldState();
  const { version, world } = await readConsistentWorld();
  expect(version).toBe(state.version);
  const full = evaluate(world, { at: state.evaluation.at })
    .explainAll()
    .map((v) => row({ kind: v.kind, subject: subjectOf(v), zoneId: v.zone, categories: v.categories, explanation: v.explanation, path: v.path }));
  const stored = (await db.prisma().violation.findMany({ where: { resolvedRunId: null } })).map((v) => row(v));
  return { stored: stored.sort(), full: full.sort() };
}

const emptyWorld = (): World => ({ taxonomy: { categories: [], purposes: [] }, zones: [], assets: [], edges: [], sanctionedPaths: [] });

describe("incremental evaluation runs", () => {
  it("store exactly what a full run stores, over a random sequence of the app's changes", async () => {
    let world = randomWorld();
    await importWorld({ world });
    const first = await runEvaluation({ trigger: "test" });
    expect(first.incremental).toBe(false); // nothing stored by this process yet
    expect(first.violationCount).toBeGreaterThan(20);
    let compared = await storedAndFull();
    expect(compared.stored).toEqual(compared.full);

    const kinds = new Map<string, number>();
    let revised = 0;
    let jobs = 0;
    const approved: string[] = [];
    for (let step = 0; step < 40; step++) {
      world = (await readConsistentWorld()).world;
      const choice = step < 5 ? step : int(5);
      const asset = (): Asset => pick(world.assets);
      if (choice === 0) {
        // lineage: a job reads two datasets and writes a third (new edges, new provenance paths)
        const [a, b, c] = [asset(), asset(), asset()];
        const parsed = parseOpenLineageEvent({
          eventType: "COMPLETE",
          eventTime: new Date(Date.UTC(2026, 10, 1, 0, step)).toISOString(),
          producer: "https://example.org/test",
          run: { runId: crypto.randomUUID() },
          job: { namespace: "jobs", name: `job_${jobs++ % 6}` },
          inputs: [a, b].map((d) => ({ namespace: d.namespace, name: d.name })),
          outputs: [{ namespace: c.namespace, name: c.name }],
        });
        if (!parsed.ok) throw new Error(parsed.issues.join("; "));
        await recordOpenLineageEvents({ actor: "test", batch: false, evaluate: "none", events: [parsed.event] });
      } else if (choice === 1) {
        // declared labels change upstream: provenance of everything downstream may change
        const target = pick(world.assets.filter((a) => a.namespace === "w"));
        await importWorld({ world: { ...emptyWorld(), assets: [{ ...target, labels: target.labels.length && random() < 0.5 ? [] : labels() }] } });
      } else if (choice === 2) {
        // an edge's transforms change (the engine removes and re-adds it)
        const edge: Edge = pick(world.edges);
        await importWorld({ world: { ...emptyWorld(), edges: [{ ...edge, transforms: edge.transforms.length ? [] : [pick(TRANSFORMS)] }] } });
      } else if (choice === 3) {
        // a path decision: approve a new path, or revoke an approved one
        if (approved.length && random() < 0.4) {
          const id = approved.splice(int(approved.length), 1)[0];
          await decidePath(reviewer, { id, transition: "revoke", note: "no longer needed" }, { evaluate: "skip" });
        } else {
          const from = pick(ZONES);
          const to = pick(ZONES.filter((z) => z !== from));
          const { path } = await requestPath(engineer, {
            from,
            to,
            categories: [pick(CATEGORIES)],
            purpose: "",
            justification: "needed for the test",
            expiresAt: "",
          });
          await decidePath(reviewer, { id: path.id, transition: "approve" }, { evaluate: "skip" });
          approved.push(path.id);
        }
      } else {
        // a zone edit: renamed (its crossings' explanations name it) and given other rules
        const zone = pick(world.zones);
        const saved = await saveZone(reviewer, {
          id: zone.id,
          name: `${zone.id} renamed ${step}`,
          color: zone.color,
          mode: zone.mode,
          rules: random() < 0.5 ? zone.allow : rules(),
          purposes: zone.purposes,
        });
        expect(saved.evaluation.incremental).toBe(true);
      }
      const run = await runEvaluation({ trigger: "test" });
      expect(run.incremental, `step ${step} (${choice})`).toBe(true);
      revised += run.changedViolations;
      kinds.set(String(choice), (kinds.get(String(choice)) ?? 0) + 1);
      compared = await storedAndFull();
      expect(compared.stored, `step ${step} (change ${choice})`).toEqual(compared.full);
    }
    expect([...kinds.keys()].sort()).toEqual(["0", "1", "2", "3", "4"]);
    expect(revised).toBeGreaterThan(0); // explanations changed in place, not just violations opening and closing
  }, 300_000);

  it("falls back to a full run when another process stored the last run", async () => {
    const state = await currentWorldState();
    const before = await runEvaluation({ trigger: "test" });
    expect(before.incremental).toBe(true);
    // as if another replica had stored a run after ours
    await db.prisma().evaluationRun.create({
      data: { at: new Date(), trigger: "elsewhere", actor: "system", worldVersion: state.version, assetCount: 0, edgeCount: 0, violationCount: before.violationCount, openedCount: 0, resolvedCount: 0, finishedAt: new Date() },
    });
    const after = await runEvaluation({ trigger: "test" });
    expect(after.incremental).toBe(false);
    const compared = await storedAndFull();
    expect(compared.stored).toEqual(compared.full);
    expect((await runEvaluation({ trigger: "test" })).incremental).toBe(true);
  }, 60_000);
});
