import { currentWorldState } from "../server/world/world-state.ts";
import { disconnectPrisma } from "../server/db.ts";
const state = await currentWorldState();
const world = state.world();
const zoneById = new Map(world.assets.map((a) => [a.id, a.zone]));
const fast = new Function("o", "return %HasFastProperties(o)") as (o: unknown) => boolean;
console.log("fast props", fast(world.edges[0]), fast(world.edges[100000]), Object.keys(world.edges[0]), Object.isFrozen(world.edges[0]));
const time = (label: string, f: () => number) => { const t = performance.now(); const c = process.cpuUsage(); const r = f(); const u = process.cpuUsage(c); console.log(label, Math.round(performance.now() - t), "ms cpu", Math.round((u.user + u.system) / 1000), r); };
for (let rep = 0; rep < 2; rep++) {
time("spread-only", () => { let n = 0; for (const e of world.edges) { const r = { ...e }; n += r.from.length; } return n; });
time("literal", () => { let n = 0; for (const e of world.edges) { const r = { from: e.from, to: e.to, transforms: e.transforms, signals: e.signals, firstSeen: e.firstSeen, lastSeen: e.lastSeen, reviewState: e.reviewState, reviewedBy: e.reviewedBy, reviewedAt: e.reviewedAt, fromZone: zoneById.get(e.from) ?? null, toZone: zoneById.get(e.to) ?? null, verdict: "x", sanctionedPaths: [] as string[] }; n += r.from.length; } return n; });
time("spread", () => { let n = 0; for (const e of world.edges) { const r = { ...e, fromZone: zoneById.get(e.from) ?? null, toZone: zoneById.get(e.to) ?? null, verdict: "x", sanctionedPaths: [] as string[] }; n += r.from.length; } return n; });
}
await disconnectPrisma();
process.exit(0);
