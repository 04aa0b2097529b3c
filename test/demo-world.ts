import fs from "node:fs";
import path from "node:path";
import { parseWorld } from "@/lib/world";
import type { World } from "@/lib/world/schema";

/** The demo world (examples/demo.world.json), parsed afresh for each caller. */
export function demoWorld(): World {
  const parsed = parseWorld(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../examples/demo.world.json"), "utf8")));
  if (!parsed.ok) throw new Error("the demo world does not parse");
  return parsed.world;
}
