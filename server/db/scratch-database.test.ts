import { spawnSync } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createScratchDatabase, dropStaleScratchDatabases } from "./scratch-database";

const ADMIN = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function databases(prefix: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`, [prefix]);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

async function createNamed(name: string) {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`).finally(() => client.end());
}

describe("scratch databases left behind", () => {
  it("drops an owned database whose process is gone and an ownerless one nobody uses; keeps the ones in use", async () => {
    const label = `t_stale_${process.pid}`;
    // a process id that surely exited: a child's, after it ended
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid;
    const deadName = `zl_${label}_p${deadPid}_0123456789`;
    const orphanName = `zl_${label}_abcdef0123`;
    const busyName = `zl_${label}_fedcba9876`;
    await createNamed(deadName);
    await createNamed(orphanName);
    await createNamed(busyName);
    const mine = await createScratchDatabase(ADMIN, label, { owned: true });
    const busy = new pg.Client({ connectionString: ADMIN.replace(/\/[^/]*$/, `/${busyName}`) });
    await busy.connect();
    try {
      expect(new URL(mine.url).pathname).toMatch(new RegExp(`^/zl_${label}_p${process.pid}_[0-9a-f]{10}$`));
      const dropped = await dropStaleScratchDatabases(ADMIN, label);
      expect(dropped.sort()).toEqual([orphanName, deadName].sort());
      expect(await databases(`zl_${label}_`)).toEqual([busyName, new URL(mine.url).pathname.slice(1)].sort());
    } finally {
      await busy.end();
      await mine.drop();
      await dropStaleScratchDatabases(ADMIN, label);
    }
    expect(await databases(`zl_${label}_`)).toEqual([]);
  });
});
