// zoneline lineage openlineage FILE.json|FILE.ndjson [--server URL --token T]:
// OpenLineage events from a file (a JSON array, one event, or one event per
// line), recorded as POST /api/v1/lineage/batch records them: on a running
// Zoneline with --server (the token needs the ingest scope), else on the
// database `zoneline import` writes to. Every event is checked before any is
// sent; chunks of 1,000 events are each one atomic request.
import { readFile } from "node:fs/promises";
import { MAX_BATCH_EVENTS, parseOpenLineageBatch, type OpenLineageEvent } from "../../lib/lineage/openlineage-event.ts";
import { parseArgs, single, UsageError } from "./shared.ts";

export const OPENLINEAGE_USAGE = `usage: zoneline lineage openlineage FILE.json|FILE.ndjson [--server URL [--token T]]

Records OpenLineage events (RunEvent, JobEvent, DatasetEvent) as assets and lineage edges
(signal openlineage), as POST /api/v1/lineage/batch does: a .json file holds an array of
events or one event, a .ndjson file one event per line. With --server, the events go to a
running Zoneline (token from --token or $ZONELINE_TOKEN, with the ingest scope) in requests
of up to ${MAX_BATCH_EVENTS} events; without, to the database directly. Events already recorded
are replays and change nothing.
Exit 0 recorded, 2 invalid input (every problem on stderr), 3 internal error.`;

interface Totals {
  received: number;
  stored: number;
  replayed: number;
  assetsCreated: number;
  edgesCreated: number;
  edgesUpdated: number;
}

/** The file's events as JSON values; a line of an .ndjson file that is not JSON is a usage error naming the line. */
export function readEventsText(file: string, text: string): unknown[] {
  if (file.endsWith(".ndjson") || file.endsWith(".jsonl")) {
    return text.split("\n").flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line)];
      } catch (error) {
        throw new UsageError(`${file}:${i + 1}: malformed JSON (${(error as Error).message})`);
      }
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: malformed JSON (${(error as Error).message})`);
  }
  return Array.isArray(value) ? value : [value];
}

export async function runOpenLineage(argv: string[]): Promise<number> {
  let events: unknown[];
  let server: string | undefined;
  let token: string | undefined;
  let file: string;
  try {
    const args = parseArgs(argv, ["server", "token"], []);
    if (args.positional.length !== 1) throw new UsageError("give exactly one file of events");
    file = args.positional[0];
    server = single(args, "server");
    token = single(args, "token") ?? process.env.ZONELINE_TOKEN;
    if (server !== undefined && !token) throw new UsageError("--server needs --token or $ZONELINE_TOKEN");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    }
    events = readEventsText(file, text);
    if (!events.length) throw new UsageError(`${file}: no events`);
    // every event checked before anything is recorded; paths name the event by its place in the file
    const issues: string[] = [];
    for (let i = 0; i < events.length; i += MAX_BATCH_EVENTS) {
      const parsed = parseOpenLineageBatch(events.slice(i, i + MAX_BATCH_EVENTS));
      if (!parsed.ok) issues.push(...parsed.issues.map((issue) => issue.replace(/^\[(\d+)\]/, (_, n) => `[${Number(n) + i}]`)));
    }
    if (issues.length) throw new UsageError(issues.map((issue) => `${file}: ${issue}`).join("\n"));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`zoneline lineage: ${error.message}\n\n${OPENLINEAGE_USAGE}`);
    return 2;
  }

  const totals: Totals = { received: 0, stored: 0, replayed: 0, assetsCreated: 0, edgesCreated: 0, edgesUpdated: 0 };
  const add = (answer: Totals) => {
    for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += answer[key];
  };
  const { reportCliError } = await import("../report-error.ts");
  try {
    if (server !== undefined) {
      let url: URL;
      try {
        url = new URL("/api/v1/lineage/batch", server);
      } catch {
        console.error(`zoneline lineage: --server: not a URL: "${server}"`);
        return 2;
      }
      for (let i = 0; i < events.length; i += MAX_BATCH_EVENTS) {
        const response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(events.slice(i, i + MAX_BATCH_EVENTS)) });
        const answer = (await response.json().catch(() => null)) as (Totals & { message?: string; details?: string[] }) | null;
        if (response.status >= 400 && response.status < 500) {
          for (const message of answer?.details?.length ? answer.details : [answer?.message ?? response.statusText]) console.error(`zoneline lineage: ${file}: ${message} (HTTP ${response.status})`);
          if (i > 0) console.error(`zoneline lineage: the first ${i} events were recorded before this refusal`);
          return 2;
        }
        if (!response.ok || !answer) throw new Error(`${url} answered HTTP ${response.status}${answer?.message ? `: ${answer.message}` : ""}`);
        add(answer);
      }
    } else {
      const [{ withDatabase }, { recordOpenLineageEvents }, { AppError }] = await Promise.all([import("@/server/db/session"), import("@/server/lineage/record-openlineage-events"), import("@/server/errors")]);
      const actor = `cli:${process.env.USER ?? "unknown"}`;
      try {
        await withDatabase(async () => {
          for (let i = 0; i < events.length; i += MAX_BATCH_EVENTS) {
            const parsed = parseOpenLineageBatch(events.slice(i, i + MAX_BATCH_EVENTS));
            if (!parsed.ok) throw new Error("checked above");
            add(await recordOpenLineageEvents({ actor, events: parsed.events as OpenLineageEvent[], batch: true, evaluate: "wait" }));
          }
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        for (const message of error.details.length ? error.details : [error.message]) console.error(`zoneline lineage: ${file}: ${message}`);
        return 2;
      }
    }
  } catch (error) {
    return reportCliError(error);
  }
  console.log(
    `${file}: ${totals.received} event${totals.received === 1 ? "" : "s"}: ${totals.stored} recorded, ${totals.replayed} already known; ` +
      `${totals.assetsCreated} asset${totals.assetsCreated === 1 ? "" : "s"} created, ${totals.edgesCreated} edge${totals.edgesCreated === 1 ? "" : "s"} created, ${totals.edgesUpdated} updated.`,
  );
  return 0;
}
