import type { LayoutCacheStore } from "@/lib/graph/layout";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "../db";

/** Layout pieces in Postgres (model LayoutCache), keyed by content hash: shared by every process. */
export function prismaLayoutCache(client = prisma()): LayoutCacheStore {
  return {
    async getMany(keys) {
      const found = new Map<string, unknown>();
      if (!keys.length) return found;
      const rows = await client.layoutCache.findMany({ where: { key: { in: keys } } });
      for (const row of rows) found.set(row.key, row.positions);
      return found;
    },
    async setMany(entries) {
      if (!entries.length) return;
      await client.layoutCache.createMany({
        data: entries.map(({ key, value }) => ({ key, positions: value as Prisma.InputJsonValue })),
        skipDuplicates: true,
      });
    },
  };
}
