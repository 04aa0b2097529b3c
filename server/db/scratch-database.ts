import crypto from "node:crypto";
import pg from "pg";

export interface ScratchDatabaseOptions {
  /**
   * Put this process's id in the name (`zl_<label>_p<pid>_<hex>`), so that a later run can tell a database
   * whose owner was killed before it could drop it (dropStaleScratchDatabases) from one still in use.
   */
  owned?: boolean;
}

/** A new, empty database on the server `adminUrl` points at, for a test or benchmark run. */
export async function createScratchDatabase(adminUrl: string, label: string, options: ScratchDatabaseOptions = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zl_${label}_${options.owned ? `p${process.pid}_` : ""}${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => dropper.end());
    },
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Drops the `zl_<label>_…` scratch databases that earlier runs left behind: an owned one (see
 * ScratchDatabaseOptions.owned) whose process is gone, and one without an owner that nobody is connected to
 * (a plain DROP DATABASE refuses while a session is open). Another run's database in use is kept.
 * Returns the names dropped.
 */
export async function dropStaleScratchDatabases(adminUrl: string, label: string): Promise<string[]> {
  const prefix = `zl_${label}_`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const dropped: string[] = [];
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`, [prefix]);
    for (const { datname } of rows) {
      const rest = datname.slice(prefix.length);
      const owner = /^p(\d+)_[0-9a-f]+$/.exec(rest);
      if (owner) {
        if (processAlive(Number(owner[1]))) continue;
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        dropped.push(datname);
      } else if (/^[0-9a-f]{10}$/.test(rest)) {
        try {
          await client.query(`DROP DATABASE IF EXISTS "${datname}"`);
          dropped.push(datname);
        } catch {
          // in use: another run's
        }
      }
    }
  } finally {
    await client.end();
  }
  return dropped;
}
