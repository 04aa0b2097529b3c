import { prisma } from "../db";

/**
 * A world is empty while it has neither zones nor assets: a fresh database, before
 * an import or the demo seed. `npm start` asks it (through `pg`, before the app
 * runs) to decide on seeding, the dashboard to show its first-run hint. EXISTS
 * stops at the first row, so it costs the same at any size of world.
 */
export const WORLD_IS_EMPTY_SQL = 'SELECT NOT (EXISTS (SELECT 1 FROM "Zone") OR EXISTS (SELECT 1 FROM "Asset")) AS "empty"';

export async function isWorldEmpty(): Promise<boolean> {
  const [row] = await prisma().$queryRawUnsafe<{ empty: boolean }[]>(WORLD_IS_EMPTY_SQL);
  return row.empty;
}
