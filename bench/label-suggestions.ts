// Label suggestions at ingestion (issue 10 part 6; ingestion targets 5,000
// events/s): what recordLabelSuggestions adds to an ingestion request.
// - matching: column names per CPU second through the dictionary (matchColumn),
//   against splitting the same names into words (columnWords), its floor;
// - recording: batches of datasets, as one ingestion request hands them over
//   (10 columns each, a third of them personal, half the datasets with column
//   lineage from the previous one), on a scratch database: the first time
//   (inserts) and replayed (nothing new), against a baseline of one empty
//   round trip (SELECT 1) inside the same kind of transaction.
// Run with `npm run bench -- labels`; needs DATABASE_URL (default: the local PostgreSQL).
import type { DatasetColumns } from "../lib/labels/dataset-columns.ts";
import { columnWords, matchColumn } from "../lib/labels/suggest-labels.ts";
import { prng } from "../lib/random.ts";
import { createScratchDatabase } from "../server/db/scratch-database.ts";

const PERSONAL = ["email", "user_email", "phone_number", "ip_address", "device_id", "lat", "lon", "date_of_birth", "first_name", "zip", "session_id", "customer_id"];
const OTHER = ["order_total", "created_at", "updated_at", "status", "sku", "quantity", "currency", "event_type", "page_views", "campaign", "price", "score"];

function columnNames(count: number, seed = 11): string[] {
  const random = prng(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i) => `${random() < 0.33 ? pick(PERSONAL) : pick(OTHER)}${random() < 0.5 ? `_${i % 97}` : ""}`);
}

function datasets(batch: number, assetIds: string[], round: number): DatasetColumns[] {
  const names = columnNames(batch * 10, round);
  return Array.from({ length: batch }, (_, i) => {
    const assetId = assetIds[(round * batch + i) % assetIds.length];
    const columns = names.slice(i * 10, i * 10 + 10).map((name) => ({ name, type: "string" }));
    const upstream = assetIds[(round * batch + i + assetIds.length - 1) % assetIds.length];
    const columnLineage = i % 2 ? columns.slice(0, 3).map((c) => ({ column: `derived_${c.name}`, inputs: [{ assetId: upstream, column: c.name }] })) : [];
    return { assetId, columns, columnLineage };
  });
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export async function benchLabelSuggestions({ batch = 100, rounds = 20 } = {}): Promise<Record<string, unknown>> {
  // matching, pure
  const names = columnNames(10_000);
  const perSecond = (work: () => void) => {
    work();
    let best = 0;
    for (let i = 0; i < 5; i++) {
      const start = cpuMs();
      work();
      best = Math.max(best, (names.length * 1000) / (cpuMs() - start));
    }
    return Math.round(best);
  };
  const matching = { columnsPerCpuSecond: perSecond(() => names.forEach((n) => matchColumn(n))), wordsOnlyPerCpuSecond: perSecond(() => names.forEach((n) => columnWords(n))) };
  console.log(`matching: ${matching.columnsPerCpuSecond} columns/CPU s (splitting alone: ${matching.wordsOnlyPerCpuSecond})`);

  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(admin, "bench_labels");
  process.env.DATABASE_URL = scratch.url;
  try {
    const { migrate } = await import("../server/db/migrate.ts");
    const { disconnectPrisma, prisma } = await import("../server/db.ts");
    const { recordLabelSuggestions } = await import("../server/labels/record-label-suggestions.ts");
    await migrate(scratch.url);
    const assetIds = Array.from({ length: batch * rounds }, (_, i) => `bench_${i}`);
    await prisma().asset.createMany({ data: assetIds.map((id) => ({ id, namespace: "bench", name: id, kind: "table" as const })) });

    const timed = async (work: (round: number) => Promise<unknown>) => {
      const times: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const start = performance.now();
        await work(round);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      return { medianMs: +times[Math.floor(times.length / 2)].toFixed(1), p90Ms: +times[Math.floor(times.length * 0.9)].toFixed(1) };
    };
    const baseline = await timed(() => prisma().$transaction(async (tx) => tx.$queryRaw`SELECT 1`));
    let suggested = 0;
    const first = await timed(async (round) => {
      suggested += (await prisma().$transaction((tx) => recordLabelSuggestions(tx, datasets(batch, assetIds, round)))).suggested;
    });
    const replay = await timed((round) => prisma().$transaction((tx) => recordLabelSuggestions(tx, datasets(batch, assetIds, round))));
    const result = {
      batch,
      columnsPerBatch: batch * 10,
      suggested,
      baselineTransaction: baseline,
      firstTime: { ...first, datasetsPerSecond: Math.round((batch * 1000) / first.medianMs) },
      replayed: { ...replay, datasetsPerSecond: Math.round((batch * 1000) / replay.medianMs) },
    };
    console.log(`recording ${batch} datasets (${batch * 10} columns) per call: first ${first.medianMs} ms median (p90 ${first.p90Ms}), replayed ${replay.medianMs} ms, empty transaction ${baseline.medianMs} ms; ${suggested} suggestions`);
    await disconnectPrisma();
    return { matching, recording: result };
  } finally {
    await scratch.drop().catch(() => {});
  }
}
