// Other processes learn of a new world version at once: every world write
// NOTIFYs "zoneline_world" at commit (see the world_version migration), and
// this listener catches the cached state up in the background, so the next
// request finds it ready. Correctness does not depend on it: every request
// still reads the version and catches up itself if the notice has not arrived.
import pg from "pg";
import { currentDatabaseUrl } from "../db";
import { cachedWorldVersion, currentWorldState } from "./world-state";

const memo = globalThis as unknown as { zonelineWorldListener?: { stop(): Promise<void> } };

export function startWorldListener(): void {
  if (memo.zonelineWorldListener) return;
  let url: string;
  try {
    const current = currentDatabaseUrl();
    // the embedded PGlite serves one session to every connection: a LISTEN there would be shared; requests catch up instead
    if (current.embedded) return;
    url = current.url;
  } catch {
    return; // no database configured: nothing to listen to
  }
  let client: pg.Client | null = null;
  let stopped = false;
  let pending = false;
  /** the newest version a notice named since the last catch-up (-1: none yet); null: catch up whatever is cached */
  let noticed: number | null = -1;
  const catchUp = (version: number | null) => {
    if (version === null) noticed = null;
    else if (noticed !== null) noticed = Math.max(noticed, version);
    if (pending) return;
    pending = true;
    // coalesce a burst of notices into one catch-up
    setTimeout(() => {
      pending = false;
      const target = noticed;
      noticed = -1;
      // this process's own writes are in its cached state already (noteOwnWorldChange): no read for their notices
      const cached = cachedWorldVersion();
      if (target !== null && cached !== null && cached >= target) return;
      currentWorldState().catch((error) => console.error("[zoneline] background catch-up failed", error));
    }, 50);
  };
  const onNotice = (message: pg.Notification) => {
    const version = Number(message.payload);
    catchUp(Number.isSafeInteger(version) ? version : null);
  };
  const connect = async (delayMs: number): Promise<void> => {
    if (stopped) return;
    const own = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
    client = own;
    let retrying = false;
    const retry = () => {
      if (retrying || stopped) return;
      retrying = true;
      own.end().catch(() => {});
      setTimeout(() => void connect(Math.min(delayMs * 2, 30_000)), delayMs);
    };
    own.on("notification", onNotice);
    own.on("error", retry);
    try {
      await own.connect();
      await own.query("LISTEN zoneline_world");
      catchUp(null); // warm the state now rather than on the first request, and catch up on what was missed while away
    } catch {
      retry();
    }
  };
  void connect(1_000);
  memo.zonelineWorldListener = {
    async stop() {
      stopped = true;
      await client?.end().catch(() => {});
    },
  };
}

export async function stopWorldListener(): Promise<void> {
  const listener = memo.zonelineWorldListener;
  memo.zonelineWorldListener = undefined;
  await listener?.stop();
}
