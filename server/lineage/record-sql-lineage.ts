// SQL lineage as a use case: the tables a SQL text reads and writes become
// assets of the given namespace, and the flows between them lineage edges with
// signal `sql` (through the job, when one is named). One transaction writes the
// assets, the edges, the world version's description and the audit entry;
// evaluation follows (DESIGN.md 7: every ingestion re-evaluates).
import { createHash } from "node:crypto";
import type { WorldChange } from "@/lib/engine/incremental";
import { assetIdCandidates } from "@/lib/lineage/asset-id";
import { sqlLineage, type StatementLineage } from "@/lib/lineage/sql-lineage";
import type { SqlLineageRequest } from "@/lib/lineage/sql-lineage-request";
import type { AssetKind, Edge, Signal } from "@/lib/world/schema";
import { prisma, type Tx } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { runEvaluation } from "../evaluations/run-evaluation";
import { scheduleEvaluation } from "../evaluations/schedule-evaluation";
import { describeWorldChanges, lockWorldForWrite } from "../world/world-version";

export interface SqlLineageAsset {
  id: string;
  namespace: string;
  name: string;
  kind: AssetKind;
  /** true when this request created it (or, in a dry run, would) */
  created: boolean;
}

export interface SqlLineageEdge {
  from: string;
  to: string;
  /** true when the edge is new (it starts `unreviewed`); false when an existing edge gained or kept signal `sql` */
  created: boolean;
}

export interface SqlLineageAnswer {
  statements: StatementLineage[];
  sources: string[];
  targets: string[];
  edges: SqlLineageEdge[];
  assets: SqlLineageAsset[];
  dryRun: boolean;
  /** the world version that holds this lineage; null in a dry run or when the SQL names no table */
  worldVersion: number | null;
}

export interface RecordSqlLineageOptions {
  actor: string;
  request: SqlLineageRequest;
  /** the route answers first and evaluates in the background; the CLI waits, since its process ends */
  evaluate: "background" | "wait";
  at?: Date;
}

const SIGNAL: Signal = "sql";

/**
 * Parses the SQL (SqlSyntaxError when it does not parse: nothing is written),
 * then records what it found unless `dryRun`.
 */
export async function recordSqlLineage({ actor, request, evaluate, at = new Date() }: RecordSqlLineageOptions): Promise<SqlLineageAnswer> {
  const lineage = await sqlLineage(request.sql, request.dialect);
  const { namespace, job } = request;

  // what the SQL names, in the request's namespace: tables, and the job when there is one
  const wanted = new Map<string, AssetKind>();
  for (const name of [...lineage.sources, ...lineage.targets]) wanted.set(name, "table");
  if (job !== null) wanted.set(job, "batch_job");
  const pairs: [string, string][] = (
    job === null
      ? lineage.flows.map(({ source, target }): [string, string] => [source, target])
      : [...lineage.sources.map((s): [string, string] => [s, job]), ...lineage.targets.map((t): [string, string] => [job, t])]
  ).filter(([from, to]) => from !== to); // a job named like one of its tables is that table: no edge to itself

  // reads through `client`; writes only when given the transaction `tx` (a dry run has none)
  const write = async (client: Tx | ReturnType<typeof prisma>, tx: Tx | null) => {
    const names = [...wanted.keys()];
    const existing = await client.asset.findMany({ where: { namespace, name: { in: names } }, select: { id: true, name: true, kind: true } });
    const byName = new Map(existing.map((asset) => [asset.name, asset]));
    const missing = names.filter((name) => !byName.has(name));
    const candidates = new Map(missing.map((name) => [name, assetIdCandidates(namespace, name)]));
    const taken = new Set(
      (await client.asset.findMany({ where: { id: { in: [...candidates.values()].flat() } }, select: { id: true } })).map((asset) => asset.id),
    );
    const assets: SqlLineageAsset[] = names.map((name) => {
      const found = byName.get(name);
      if (found) return { id: found.id, namespace, name, kind: found.kind as AssetKind, created: false };
      const id = candidates.get(name)!.find((candidate) => !taken.has(candidate));
      if (id === undefined) throw new Error(`no free asset id for ${namespace} / ${name}`);
      taken.add(id);
      return { id, namespace, name, kind: wanted.get(name)!, created: true };
    });
    const idOf = new Map(assets.map((asset) => [asset.name, asset.id]));
    const edgePairs = pairs.map(([from, to]) => ({ fromId: idOf.get(from)!, toId: idOf.get(to)! }));
    const existingEdges = edgePairs.length
      ? await client.lineageEdge.findMany({ where: { OR: edgePairs } })
      : [];
    const edgeByKey = new Map(existingEdges.map((edge) => [`${edge.fromId}\u0000${edge.toId}`, edge]));
    const edges: SqlLineageEdge[] = edgePairs.map(({ fromId, toId }) => ({ from: fromId, to: toId, created: !edgeByKey.has(`${fromId}\u0000${toId}`) }));
    if (tx === null) return { assets, edges, worldVersion: null };

    const created = assets.filter((asset) => asset.created);
    await tx.asset.createMany({ data: created.map(({ id, namespace, name, kind }) => ({ id, namespace, name, kind })) });
    const changes: WorldChange[] = created.map(({ id, namespace, name, kind }) => ({ kind: "putAsset", asset: { id, namespace, name, kind } }));
    const seen = at.toISOString();
    for (const { from, to } of edges) {
      const previous = edgeByKey.get(`${from}\u0000${to}`);
      let edge: Edge;
      if (!previous) {
        await tx.lineageEdge.create({ data: { fromId: from, toId: to, signals: [SIGNAL], transforms: [], firstSeen: at, lastSeen: at, reviewState: "unreviewed" } });
        edge = { from, to, transforms: [], signals: [SIGNAL], firstSeen: seen, lastSeen: seen, reviewState: "unreviewed", reviewedBy: null, reviewedAt: null };
      } else {
        const signals = (previous.signals as Signal[]).includes(SIGNAL) ? (previous.signals as Signal[]) : [...(previous.signals as Signal[]), SIGNAL];
        const firstSeen = previous.firstSeen && previous.firstSeen < at ? previous.firstSeen : at;
        const lastSeen = previous.lastSeen && previous.lastSeen > at ? previous.lastSeen : at;
        await tx.lineageEdge.update({ where: { id: previous.id }, data: { signals, firstSeen, lastSeen } });
        edge = {
          from,
          to,
          transforms: previous.transforms,
          signals,
          firstSeen: firstSeen.toISOString(),
          lastSeen: lastSeen.toISOString(),
          reviewState: previous.reviewState,
          reviewedBy: previous.reviewedBy,
          reviewedAt: previous.reviewedAt?.toISOString() ?? null,
        };
      }
      changes.push({ kind: "putEdge", edge });
    }
    const worldVersion = await describeWorldChanges(tx, changes);
    await recordAuditEntry(tx, {
      actor,
      action: "lineage.sql",
      subject: `namespace:${namespace}`,
      payload: {
        dialect: request.dialect,
        namespace,
        job,
        sqlSha256: createHash("sha256").update(request.sql).digest("hex"),
        statements: lineage.statements.length,
        sources: lineage.sources.length,
        targets: lineage.targets.length,
        assetsCreated: created.length,
        edgesCreated: edges.filter((edge) => edge.created).length,
        edgesUpdated: edges.filter((edge) => !edge.created).length,
      },
    });
    return { assets, edges, worldVersion };
  };

  const recorded =
    request.dryRun || wanted.size === 0
      ? await write(prisma(), null)
    : await prisma().$transaction(
        async (tx) => {
          // serialises world writers, so two requests naming one new table cannot both create it
          await lockWorldForWrite(tx);
          return write(tx, tx);
        },
        { timeout: 60_000, maxWait: 30_000 },
      );

  if (recorded.worldVersion !== null) {
    // the CLI waits, since its process ends; a route answers first, and the evaluations of many requests coalesce
    if (evaluate === "wait") await runEvaluation({ trigger: "lineage.sql", actor });
    else scheduleEvaluation({ trigger: "lineage.sql", actor });
  }
  return {
    statements: lineage.statements,
    sources: lineage.sources,
    targets: lineage.targets,
    edges: recorded.edges,
    assets: recorded.assets,
    dryRun: request.dryRun,
    worldVersion: recorded.worldVersion,
  };
}
