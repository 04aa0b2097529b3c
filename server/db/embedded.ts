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
  /** the process's start time in clock ticks (Linux), so a reused pid is not mistaken for the owner */
  processStart?: string | null;
  /** true until the server listens */
  starting?: boolean;
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

function processStartTime(pid: number): string | null {
  try {
    // field 22 of /proc/<pid>/stat, counted after the parenthesised command name
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function lockOwnerIsAlive(lock: LockInfo): boolean {
  try {
    process.kill(lock.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const started = processStartTime(lock.pid);
  return !lock.processStart || !started || started === lock.processStart;
}

function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** The running embedded server for this data folder, if any (stale locks of dead processes are ignored). */
export function findRunningEmbedded(dataDir = DEFAULT_DATA_DIR): LockInfo | null {
  const lock = readLock(dataDir);
  return lock && lockOwnerIsAlive(lock) ? lock : null;
}

/** Like findRunningEmbedded, but waits (briefly) for a server that is still starting to listen. */
export async function waitForRunningEmbedded(dataDir = DEFAULT_DATA_DIR, timeoutMs = 15_000): Promise<LockInfo | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lock = findRunningEmbedded(dataDir);
    if (!lock || !lock.starting || Date.now() > deadline) return lock;
    await new Promise((resolve) => setTimeout(resolve, 100));
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

/**
 * Take the data folder's lock atomically (O_EXCL). A lock left by a dead process
 * is moved aside with rename, which only one contender can win, before retrying.
 */
function acquireLock(dataDir: string, port: number): LockInfo {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const info: LockInfo = { pid: process.pid, port, startedAt: new Date().toISOString(), processStart: processStartTime(process.pid), starting: true };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(lockPath(dataDir), JSON.stringify(info), { flag: "wx" });
      return info;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(dataDir);
      if (holder && lockOwnerIsAlive(holder)) throw new EmbeddedDatabaseBusyError(holder, dataDir);
      const aside = `${lockPath(dataDir)}.stale-${process.pid}-${Date.now()}`;
      try {
        fs.renameSync(lockPath(dataDir), aside);
        fs.rmSync(aside, { force: true });
      } catch {
        // another process moved it first; try again
      }
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
  fresh = false,
}: { dataDir?: string | null; port?: number; /** wipe the data folder first (only once the lock is ours) */ fresh?: boolean } = {}): Promise<EmbeddedDatabase> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-socket"),
  ]);
  const listenPort = port ?? (await freePort());
  const lock = dataDir ? acquireLock(dataDir, listenPort) : null;
  if (dataDir && fresh) fs.rmSync(dataDir, { recursive: true, force: true });
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
    if (dataDir && lock) fs.writeFileSync(lockPath(dataDir), JSON.stringify({ ...lock, starting: false }));
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
