import fs from "node:fs";
import net from "node:net";
import path from "node:path";

// The embedded default (ENVIRONMENT.md): PGlite served over the Postgres wire
// protocol, so the app, the migrator and the CLI share the `pg` code path they
// use with a real server. PGlite gives every connection the same session, so
// the app's pool keeps to one connection and the server admits a few more for
// the CLI and psql.
export const EMBEDDED_MAX_CONNECTIONS = 4;
export const EMBEDDED_POOL_MAX = 1;

// Inside Next's server bundle import.meta.dirname is undefined; Next runs from the project root.
const PROJECT_ROOT = import.meta.dirname ? path.resolve(import.meta.dirname, "../..") : process.cwd();
export const DEFAULT_DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.ZONELINE_DATA_DIR ?? path.join(PROJECT_ROOT, ".zoneline/pgdata"));

interface LockInfo {
  pid: number;
  port: number;
  startedAt: string;
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly lock: LockInfo, dataDir: string) {
    super(
      `the embedded database in ${path.relative(process.cwd(), dataDir) || dataDir} is already in use by process ${lock.pid} ` +
        `(serving on 127.0.0.1:${lock.port} since ${lock.startedAt}). Stop that process first, ` +
        `or point DATABASE_URL at a PostgreSQL server.`,
    );
  }
}

function lockPath(dataDir: string): string {
  return `${dataDir}.lock`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running embedded server for this data folder, if any (stale locks of dead processes are ignored). */
export function findRunningEmbedded(dataDir = DEFAULT_DATA_DIR): LockInfo | null {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
    return processIsAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

export function embeddedUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Take the data folder's lock atomically; a lock left by a dead process is taken over. */
function acquireLock(dataDir: string, port: number): void {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const info: LockInfo = { pid: process.pid, port, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath(dataDir), JSON.stringify(info), { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const running = findRunningEmbedded(dataDir);
      if (running) throw new EmbeddedDatabaseBusyError(running, dataDir);
      fs.rmSync(lockPath(dataDir), { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serve a PGlite database over TCP. `dataDir: null` keeps it in memory (tests);
 * a folder is locked so that two processes never open it at once.
 */
export async function startEmbeddedPostgres({
  dataDir = DEFAULT_DATA_DIR,
  port,
}: { dataDir?: string | null; port?: number } = {}): Promise<EmbeddedDatabase> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-socket"),
  ]);
  const listenPort = port ?? (await freePort());
  if (dataDir) acquireLock(dataDir, listenPort);
  let db: InstanceType<typeof PGlite> | undefined;
  try {
    db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
    const server = new PGLiteSocketServer({
      db,
      port: listenPort,
      host: "127.0.0.1",
      maxConnections: EMBEDDED_MAX_CONNECTIONS,
    });
    await server.start();
    let stopped = false;
    return {
      url: embeddedUrl(listenPort),
      port: listenPort,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db!.close();
        if (dataDir) fs.rmSync(lockPath(dataDir), { force: true });
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    if (dataDir) fs.rmSync(lockPath(dataDir), { force: true });
    throw error;
  }
}
