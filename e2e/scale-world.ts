// The generated world of e2e/graph-scale.spec.ts (and of the 50-zone case of bench/graph.ts):
// 5,000 assets, 20,000 edges and 50 zones, the size the zone map is made for.
import { generateWorld } from "../bench/generate-world";
import { E2E_PORT } from "./servers";

export const SCALE_WORLD_OPTIONS = { assets: 5_000, edges: 20_000, zones: 50, categories: 60, paths: 60, seed: 5 } as const;
export const scaleWorld = () => generateWorld({ ...SCALE_WORLD_OPTIONS });
// far from E2E_PORT like the other derived ports (+1000 empty world, +2000 OIDC)
export const SCALE_WORLD_PORT = Number(process.env.ZONELINE_E2E_SCALE_PORT ?? E2E_PORT + 3000);
