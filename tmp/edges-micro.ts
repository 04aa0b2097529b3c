import { currentWorldState } from "../server/world/world-state.ts";
import { disconnectPrisma } from "../server/db.ts";
const state = await currentWorldState();
const world = state.world();
const ev = state.evaluation;
const zoneById = new Map(world.assets.map((a) => [a.id, a.zone]));
const time = (label: string, f: () => number) => { const t = performance.now(); const c = process.cpuUsage(); const r = f(); const u = process.cpuUsage(c); console.log(label, Math.round(performance.now() - t), "ms cpu", Math.round((u.user + u.system) / 1000), r); };
for (let rep = 0; rep < 2; rep++) {
time("zones", () => { let n = 0; for (const e of world.edges) { if (zoneById.get(e.from) !== zoneById.get(e.to)) n++; } return n; });
time("verdict", () => { let n = 0; for (const e of world.edges) { if (ev.edgeVerdict(e.from, e.to) === "sanctioned") n++; } return n; });
time("sanctionedPathsFor", () => { let n = 0; for (const e of world.edges) { n += ev.sanctionedPathsFor(e.from, e.to).length; } return n; });
time("spread", () => { let n = 0; for (const e of world.edges) { const r = { ...e, fromZone: zoneById.get(e.from) ?? null, toZone: zoneById.get(e.to) ?? null, verdict: "x", sanctionedPaths: [] as string[] }; n += r.from.length; } return n; });
time("stringify", () => { let n = 0; for (const e of world.edges) { n += JSON.stringify(e).length; } return n; });
}
await disconnectPrisma();
process.exit(0);
