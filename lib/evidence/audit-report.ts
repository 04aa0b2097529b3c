// The audit report's view model (issue 11: "the audit report (PDF)"). Pure: the
// server reads the database and the cached engine state and hands the pieces
// here; the PDF is a thin rendering of what this module returns, so every
// figure the report prints is computed (and tested) once, without a PDF.
//
// Memory stays bounded whatever the period: the audit log is folded entry by
// entry into an AuditLogDigest (counts, plus at most `maxDecisions` rows of the
// decision log), and per-zone lists keep at most a fixed number of rows with
// the totals beside them ("…and K more, see the evidence bundle").
import type { RopaRecord } from "./ropa.ts";
import type { Evaluation, Violation } from "../engine/evaluate.ts";
import { layeredLayout } from "../graph/layered.ts";
import type { EdgeStatus } from "../graph/types.ts";
import type { SanctionedPath, World, Zone } from "../world/schema.ts";

// Every printed table row costs the renderer a few milliseconds (react-pdf lays out
// each one), so the report prints bounded lists and counts the rest.
export const REPORT_LIMITS = {
  /** decision-log rows printed; the rest are counted and left to the evidence bundle */
  decisions: 600,
  /** open violations printed with their explanations */
  openViolations: 150,
  /** assets listed per zone (fewer when there are many zones: see zoneListLimits) */
  assetsPerZone: 60,
  /** inbound and outbound crossings listed per zone, each */
  crossingsPerZone: 40,
  /** rows all zone sections print together at most */
  zoneRows: 1_500,
  /** zones drawn in the picture (the busiest, when there are more) */
  pictureZones: 24,
};

// ---------------------------------------------------------------- the model

export interface ReportChain {
  ok: boolean;
  /** entries hashed by the full verification made for this report */
  entriesVerified: number;
  head: { sequence: number; hash: string } | null;
  checkpoint: { sequence: number; hash: string; signedAt: string; signature: string; keyFingerprint: string } | null;
  publicKeyFingerprint: string;
  problem: { kind: string; sequence: number; message: string } | null;
}

export interface DecisionRow {
  sequence: number;
  at: string;
  actor: string;
  /** what kind of decision, in words: "Approval", "Edge review", "Zone change" */
  kind: string;
  what: string;
  why: string;
}

export interface PathCounts {
  requested: number;
  approved: number;
  rejected: number;
  revoked: number;
  withdrawn: number;
  /** approved paths whose expiry fell inside the period */
  expired: number;
}

export interface AdmissionCounts {
  allowed: number;
  denied: number;
  /** allowed only because the zone concerned is in logging mode: what admission would have denied */
  wouldDeny: number;
}

export interface CrossingRow {
  from: string;
  to: string;
  fromZone: string;
  /** null: the receiver is in no zone */
  toZone: string | null;
  verdict: "permitted" | "sanctioned" | "violation";
  /** the sanctioned paths that cover it, or the violation, in words */
  coveredBy: string;
}

export interface ZoneSection {
  id: string;
  name: string;
  description: string | null;
  owner: string | null;
  mode: "enforcing" | "logging";
  rules: { category: string; minQualifier: string; requireConsent: boolean }[];
  purposes: string[];
  assets: { total: number; rows: { id: string; name: string; kind: string; purpose: string | null; violations: number }[] };
  inbound: { total: number; violations: number; rows: CrossingRow[] };
  outbound: { total: number; violations: number; rows: CrossingRow[] };
}

export interface PictureNode {
  id: string;
  name: string;
  color: string;
  x: number;
  y: number;
  w: number;
  h: number;
  assets: number;
  /** the "outside any zone" node */
  outside: boolean;
}

export interface PictureEdge {
  from: string;
  to: string;
  status: EdgeStatus;
  count: number;
  /** polyline: x,y pairs in the picture's coordinates */
  points: number[];
}

export interface ZonePicture {
  width: number;
  height: number;
  nodes: PictureNode[];
  edges: PictureEdge[];
  /** zones left out of the drawing (too many to read in print) */
  omittedZones: number;
}

export interface OpenViolationRow {
  kind: string;
  subject: string;
  zone: string;
  categories: string[];
  explanation: string;
  openedAt: string;
}

export interface AuditReport {
  title: string;
  organisation: string;
  paperSize: "A4" | "LETTER";
  scope: { from: string; to: string; allZones: boolean; zones: { id: string; name: string }[] };
  generatedAt: string;
  generatedBy: string;
  chain: ReportChain;
  summary: {
    assets: number;
    edges: number;
    crossings: number;
    crossingsSanctioned: number;
    crossingsViolating: number;
    paths: PathCounts;
    admission: AdmissionCounts;
    violations: { openAtEnd: number; opened: number; resolved: number };
    /** audit entries written in the period, and those that concern the zones in scope */
    auditEntries: number;
    auditEntriesInScope: number;
  };
  /** true when nothing happened in the period: no audit entry concerns the scope and no violation opened or resolved */
  noActivity: boolean;
  zones: ZoneSection[];
  picture: ZonePicture;
  decisions: { total: number; rows: DecisionRow[] };
  openViolations: { total: number; rows: OpenViolationRow[] };
  /** the record of processing activities (GDPR Art. 30(1)) of the zones covered, as the world stands now */
  ropa: RopaRecord;
  /** the state of the world the zone sections describe (the report is made from the current world) */
  worldVersion: number;
}

// ---------------------------------------------------------------- the audit log, folded

export interface DigestEntry {
  sequence: number;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  payload: unknown;
}

export interface AuditLogDigestResult {
  entries: number;
  entriesInScope: number;
  paths: Omit<PathCounts, "expired">;
  admission: AdmissionCounts;
  decisions: { total: number; rows: DecisionRow[] };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");

const PATH_ACTIONS: Record<string, { kind: string; count: keyof AuditLogDigestResult["paths"] }> = {
  "path.request": { kind: "Path request", count: "requested" },
  "path.approve": { kind: "Approval", count: "approved" },
  "path.reject": { kind: "Rejection", count: "rejected" },
  "path.revoke": { kind: "Revocation", count: "revoked" },
  "path.withdraw": { kind: "Withdrawal", count: "withdrawn" },
};

/**
 * Folds the period's audit entries, in sequence order, into the report's
 * counts and the first rows of its decision log. `zones` null: every zone.
 */
export class AuditLogDigest {
  private readonly result: AuditLogDigestResult = {
    entries: 0,
    entriesInScope: 0,
    paths: { requested: 0, approved: 0, rejected: 0, revoked: 0, withdrawn: 0 },
    admission: { allowed: 0, denied: 0, wouldDeny: 0 },
    decisions: { total: 0, rows: [] },
  };

  constructor(
    private readonly options: {
      zones: ReadonlySet<string> | null;
      /** an asset's zone in the current world (null: unzoned or unknown) */
      zoneOfAsset: (id: string) => string | null;
      maxDecisions?: number;
    },
  ) {}

  add(entry: DigestEntry): void {
    const r = this.result;
    r.entries++;
    if (!this.concernsScope(entry)) return;
    r.entriesInScope++;
    const payload = isObject(entry.payload) ? entry.payload : {};
    if (entry.action === "admission.check") {
      const answer = isObject(payload.answer) ? payload.answer : {};
      if (answer.allowed === false) r.admission.denied++;
      else {
        r.admission.allowed++;
        if (Array.isArray(payload.wouldDeny) && payload.wouldDeny.length > 0) r.admission.wouldDeny++;
      }
      return;
    }
    const pathAction = PATH_ACTIONS[entry.action];
    if (pathAction) r.paths[pathAction.count]++;
    const row = describeDecision(entry, payload);
    if (!row) return;
    r.decisions.total++;
    if (r.decisions.rows.length < (this.options.maxDecisions ?? REPORT_LIMITS.decisions)) r.decisions.rows.push(row);
  }

  digest(): AuditLogDigestResult {
    return this.result;
  }

  /** Which zones an entry names; null when it names none (it then concerns the report only when it covers every zone). */
  private concernsScope(entry: DigestEntry): boolean {
    const zones = this.options.zones;
    if (!zones) return true;
    const named = zonesNamedBy(entry, this.options.zoneOfAsset);
    // a world import may touch any zone
    if (entry.action === "world.import") return true;
    return named.some((zone) => zones.has(zone));
  }
}

/** The zones an audit entry concerns: a path's two ends, a zone change's zone, reviewed edges' ends, an admission check's zones. */
export function zonesNamedBy(entry: Pick<DigestEntry, "action" | "subject" | "payload">, zoneOfAsset: (id: string) => string | null): string[] {
  const payload = isObject(entry.payload) ? entry.payload : {};
  const zones: (string | null)[] = [];
  if (entry.action.startsWith("path.") && isObject(payload.path)) zones.push(text(payload.path.from) || null, text(payload.path.to) || null);
  if (entry.subject.startsWith("zone:")) zones.push(entry.subject.slice(5));
  if (entry.action === "edge.review" && Array.isArray(payload.edges)) {
    for (const edge of payload.edges) if (isObject(edge)) zones.push(zoneOfAsset(text(edge.from)), zoneOfAsset(text(edge.to)));
  }
  if (entry.action === "admission.check") {
    const request = isObject(payload.request) ? payload.request : {};
    zones.push(text(request.zone) || zoneOfAsset(text(request.job)));
    const answer = isObject(payload.answer) ? payload.answer : {};
    if (Array.isArray(answer.reasons)) for (const reason of answer.reasons) if (isObject(reason)) zones.push(text(reason.zone) || null);
  }
  return [...new Set(zones.filter((zone): zone is string => !!zone))];
}

function describePath(path: Json): string {
  const categories = Array.isArray(path.categories) ? path.categories.join(", ") : "";
  const purpose = text(path.purpose);
  return `${text(path.id)}: ${text(path.from)} → ${text(path.to) || "(outside every zone)"}, ${categories}${purpose ? `, for ${purpose}` : ""}`;
}

/** One decision as the log prints it: who, when, what, why. Entries that are not decisions (checks, runs, exports) give null. */
export function describeDecision(entry: DigestEntry, payload: Json): DecisionRow | null {
  const base = { sequence: entry.sequence, at: entry.at.toISOString(), actor: entry.actor };
  const pathAction = PATH_ACTIONS[entry.action];
  if (pathAction) {
    const path = isObject(payload.path) ? payload.path : {};
    const why = entry.action === "path.request" ? text(path.justification) : text(payload.note) || text(path.reviewNote);
    const expires = text(path.expiresAt);
    return { ...base, kind: pathAction.kind, what: `Sanctioned path ${describePath(path)}${expires ? ` (expires ${expires.slice(0, 10)})` : ""}`, why: why || "—" };
  }
  if (entry.action === "edge.review") {
    const edges = Array.isArray(payload.edges) ? payload.edges.filter(isObject) : [];
    const shown = edges.slice(0, 5).map((edge) => `${text(edge.from)} → ${text(edge.to)}`);
    return { ...base, kind: "Edge review", what: `Marked ${edges.length} edge${edges.length === 1 ? "" : "s"} reviewed: ${shown.join("; ")}${edges.length > 5 ? `; …and ${edges.length - 5} more` : ""}`, why: "—" };
  }
  if (entry.action === "zone.create" || entry.action === "zone.update") {
    const before = isObject(payload.before) ? payload.before : null;
    const after = isObject(payload.after) ? payload.after : {};
    const changed = before ? Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key])) : [];
    const what = before ? `Changed zone ${entry.subject.slice(5)}${changed.length ? ` (${changed.join(", ")})` : ""}` : `Created zone ${entry.subject.slice(5)} (${text(after.mode) || "enforcing"})`;
    const dry = isObject(payload.dryRun) ? payload.dryRun : {};
    const effect = [typeof dry.added === "number" ? `${dry.added} violations added` : "", typeof dry.resolved === "number" ? `${dry.resolved} resolved` : ""].filter(Boolean).join(", ");
    return { ...base, kind: "Zone change", what, why: effect ? `dry run: ${effect}` : "—" };
  }
  if (entry.action === "world.import") {
    return { ...base, kind: "World import", what: `Imported a world file${typeof payload.sha256 === "string" ? ` (sha256 ${payload.sha256.slice(0, 16)}…)` : ""}`, why: "—" };
  }
  return null;
}

// ---------------------------------------------------------------- the world, per zone

export interface WorldSectionsResult {
  assets: number;
  edges: number;
  crossings: number;
  crossingsSanctioned: number;
  crossingsViolating: number;
  zones: ZoneSection[];
  picture: ZonePicture;
}

/** What a crossing's violation says, from the engine's own violation (unsanctioned crossing) or the receiving zone's rules. */
function crossingViolationText(violation: Violation | undefined, receiverViolation: Violation | undefined): string {
  // the engine's full explanation (with the provenance path) is in the open-violations section; a crossing row says what and why in one line
  if (violation) return `Unsanctioned crossing of ${violation.categories.join(", ")}: no applicable approved sanctioned path allows ${violation.categories.length === 1 ? "it" : "them"}`;
  if (receiverViolation) return `Not permitted in the receiving zone: ${receiverViolation.categories.join(", ")}`;
  return "Violation: data the receiving zone does not permit";
}

const OUTSIDE = "(outside)";

/**
 * The zones in scope with their rules, purposes, assets and crossings, and the
 * zone-level picture; figures over the assets and edges in scope (an edge is in
 * scope when one of its ends is in a zone in scope; every edge for all zones).
 */
export function worldSections(
  world: World,
  evaluation: Evaluation,
  options: { zones: readonly string[] | null; pictureBox: { width: number; height: number } },
): WorldSectionsResult {
  const scoped = options.zones ? new Set(options.zones) : null;
  const inScope = (zone: string | null) => (scoped ? zone !== null && scoped.has(zone) : true);
  const zoneOf = new Map<string, string | null>();
  for (const asset of world.assets) zoneOf.set(asset.id, asset.zone ?? null);

  // violations by subject, so each crossing and asset finds its own without a scan
  const crossingViolation = new Map<string, Violation>();
  const assetViolations = new Map<string, Violation[]>();
  for (const violation of evaluation.violations) {
    if (violation.edge) crossingViolation.set(`${violation.edge.from}\u0000${violation.edge.to}`, violation);
    if (violation.asset) (assetViolations.get(violation.asset) ?? assetViolations.set(violation.asset, []).get(violation.asset)!).push(violation);
  }

  const sections = new Map<string, ZoneSection>();
  const zones = world.zones.filter((zone) => inScope(zone.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const limits = zoneListLimits(zones.length);
  for (const zone of zones) sections.set(zone.id, emptySection(zone));

  let assets = 0;
  for (const asset of world.assets) {
    if (!inScope(asset.zone ?? null)) continue;
    assets++;
    const section = asset.zone ? sections.get(asset.zone) : undefined;
    if (!section) continue;
    section.assets.total++;
    if (section.assets.rows.length < limits.assets) {
      section.assets.rows.push({ id: asset.id, name: `${asset.namespace}.${asset.name}`, kind: asset.kind, purpose: asset.purpose ?? null, violations: assetViolations.get(asset.id)?.length ?? 0 });
    }
  }

  let edges = 0;
  let crossings = 0;
  let crossingsSanctioned = 0;
  let crossingsViolating = 0;
  const flows = new Map<string, { from: string; to: string; status: EdgeStatus; count: number }>();
  // rows are chosen violations first, then in world order, so the few printed are the ones that matter
  const pending = new Map<string, { inbound: CrossingRow[]; outbound: CrossingRow[] }>();
  for (const edge of world.edges) {
    const a = zoneOf.get(edge.from) ?? null;
    const b = zoneOf.get(edge.to) ?? null;
    if (!(inScope(a) || inScope(b))) continue;
    edges++;
    // DESIGN.md 5: a crossing leaves a zone A for another zone or none; entering from an unzoned asset is not one
    if (a === null || a === b) continue;
    crossings++;
    const verdict = evaluation.edgeVerdict(edge.from, edge.to);
    if (verdict === "sanctioned") crossingsSanctioned++;
    if (verdict === "violation") crossingsViolating++;
    const key = `${a}\u0000${b ?? OUTSIDE}`;
    const status: EdgeStatus = verdict === "violation" ? "violation" : verdict === "sanctioned" ? "sanctioned" : "permitted";
    const flow = flows.get(key);
    if (flow) {
      flow.count++;
      if (rank(status) < rank(flow.status)) flow.status = status;
    } else flows.set(key, { from: a, to: b ?? OUTSIDE, status, count: 1 });

    const row = (): CrossingRow => ({
      from: edge.from,
      to: edge.to,
      fromZone: a,
      toZone: b,
      verdict,
      coveredBy:
        verdict === "sanctioned"
          ? `Sanctioned path ${evaluation.sanctionedPathsFor(edge.from, edge.to).join(", ")}`
          : verdict === "violation"
            ? crossingViolationText(crossingViolation.get(`${edge.from}\u0000${edge.to}`), assetViolations.get(edge.to)?.find((v) => v.kind === "category_not_permitted"))
            : "No data category flows along it",
    });
    for (const [zone, side] of [
      [a, "outbound"],
      [b, "inbound"],
    ] as const) {
      const section = zone ? sections.get(zone) : undefined;
      if (!section) continue;
      const list = section[side];
      list.total++;
      if (verdict === "violation") list.violations++;
      const held = pending.get(zone!) ?? pending.set(zone!, { inbound: [], outbound: [] }).get(zone!)!;
      // keep every violation up to the limit, and fill the rest with others
      if (held[side].length < limits.crossings) held[side].push(row());
      else if (verdict === "violation") {
        const replace = held[side].findIndex((r) => r.verdict !== "violation");
        if (replace >= 0) held[side][replace] = row();
      }
    }
  }
  for (const [zone, held] of pending) {
    const section = sections.get(zone)!;
    const order = (r: CrossingRow) => (r.verdict === "violation" ? 0 : r.verdict === "sanctioned" ? 1 : 2);
    section.inbound.rows = held.inbound.sort((x, y) => order(x) - order(y));
    section.outbound.rows = held.outbound.sort((x, y) => order(x) - order(y));
  }

  const picture = zonePicture(
    zones.map((zone) => ({ id: zone.id, name: zone.name, color: zone.color, assets: sections.get(zone.id)!.assets.total })),
    [...flows.values()],
    options.pictureBox,
  );
  return { assets, edges, crossings, crossingsSanctioned, crossingsViolating, zones: [...sections.values()], picture };
}

/** Rows per zone: the per-zone limits, shrunk so that all zones together stay within REPORT_LIMITS.zoneRows. */
export function zoneListLimits(zoneCount: number): { assets: number; crossings: number } {
  const perZone = Math.floor(REPORT_LIMITS.zoneRows / Math.max(zoneCount, 1));
  const full = REPORT_LIMITS.assetsPerZone + 2 * REPORT_LIMITS.crossingsPerZone;
  if (perZone >= full) return { assets: REPORT_LIMITS.assetsPerZone, crossings: REPORT_LIMITS.crossingsPerZone };
  return { assets: Math.max(5, Math.floor(perZone * 0.4)), crossings: Math.max(5, Math.floor(perZone * 0.3)) };
}

function emptySection(zone: Zone): ZoneSection {
  return {
    id: zone.id,
    name: zone.name,
    description: zone.description ?? null,
    owner: zone.owner ?? null,
    mode: zone.mode ?? "enforcing",
    rules: (zone.allow ?? []).map((rule) => ({ category: rule.category, minQualifier: rule.minQualifier ?? "identified", requireConsent: rule.requireConsent ?? false })),
    purposes: [...(zone.purposes ?? [])],
    assets: { total: 0, rows: [] },
    inbound: { total: 0, violations: 0, rows: [] },
    outbound: { total: 0, violations: 0, rows: [] },
  };
}

const rank = (status: EdgeStatus) => ["violation", "unreviewed", "sanctioned", "permitted"].indexOf(status);

// ---------------------------------------------------------------- the picture

/** Box size of a zone in the picture, in points; names print at PICTURE_FONT, never below 7 pt once scaled. */
export const PICTURE_NODE = { w: 118, h: 38 };
export const PICTURE_FONT = 8.5;
export const PICTURE_MIN_FONT = 7;
const GAPS = { layerGap: 56, nodeGap: 18 };

/**
 * The zone-level flow graph laid out by the graph page's own layered layout
 * (lib/graph/layered.ts), left to right or top to bottom, whichever prints
 * larger, scaled to fit `box`. When even the better orientation would print
 * names below 7 pt, only the busiest zones are drawn and the rest counted.
 */
export function zonePicture(
  zones: { id: string; name: string; color: string; assets: number }[],
  flows: { from: string; to: string; status: EdgeStatus; count: number }[],
  box: { width: number; height: number },
): ZonePicture {
  const degree = new Map<string, number>();
  for (const flow of flows) {
    degree.set(flow.from, (degree.get(flow.from) ?? 0) + flow.count);
    degree.set(flow.to, (degree.get(flow.to) ?? 0) + flow.count);
  }
  const busiest = [...zones].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
  let keep = Math.min(zones.length, REPORT_LIMITS.pictureZones);
  for (;;) {
    const kept = new Set(busiest.slice(0, keep).map((zone) => zone.id));
    const drawn = flows.filter((flow) => kept.has(flow.from) && (kept.has(flow.to) || flow.to === OUTSIDE));
    const nodes = [
      ...busiest.slice(0, keep).map((zone) => ({ ...zone, outside: false })),
      ...(drawn.some((flow) => flow.to === OUTSIDE) ? [{ id: OUTSIDE, name: "Outside every zone", color: "#64748b", assets: 0, outside: true }] : []),
    ];
    const picture = placePicture(nodes, drawn, box);
    const scale = picture.width > 0 ? Math.min(box.width / picture.width, box.height / picture.height, 1) : 1;
    if (scale * PICTURE_FONT >= PICTURE_MIN_FONT || keep <= 2) return scalePicture(picture, scale, zones.length - keep);
    keep = Math.max(2, Math.floor(keep * 0.75));
  }
}

function placePicture(
  nodes: { id: string; name: string; color: string; assets: number; outside: boolean }[],
  flows: { from: string; to: string; status: EdgeStatus; count: number }[],
  box: { width: number; height: number },
): ZonePicture {
  const edges = flows.map((flow) => [flow.from, flow.to] as const);
  const tries = (["right", "down"] as const).map((direction) => {
    const sized = nodes.map((node) => (direction === "right" ? { id: node.id, w: PICTURE_NODE.w, h: PICTURE_NODE.h } : { id: node.id, w: PICTURE_NODE.h, h: PICTURE_NODE.w }));
    const laid = layeredLayout(sized, edges, GAPS);
    const width = direction === "right" ? laid.width : laid.height;
    const height = direction === "right" ? laid.height : laid.width;
    const at = (id: string) => {
      const p = laid.positions[id];
      return direction === "right" ? { x: p.x, y: p.y } : { x: p.y, y: p.x };
    };
    const scale = width > 0 ? Math.min(box.width / width, box.height / height, 1) : 1;
    return { width, height, at, scale };
  });
  const best = tries[0].scale >= tries[1].scale ? tries[0] : tries[1];
  const placed: PictureNode[] = nodes.map((node) => ({ ...node, ...best.at(node.id), w: PICTURE_NODE.w, h: PICTURE_NODE.h }));
  const byId = new Map(placed.map((node) => [node.id, node]));
  const pairs = new Set(flows.map((flow) => `${flow.from}\u0000${flow.to}`));
  const pictureEdges: PictureEdge[] = flows.map((flow) => {
    const a = byId.get(flow.from)!;
    const b = byId.get(flow.to)!;
    const [x1, y1, x2, y2] = borderToBorder(a, b);
    // a flow both ways draws two arrows side by side instead of one on top of the other
    const offset = pairs.has(`${flow.to}\u0000${flow.from}`) ? 5 : 0;
    const length = Math.hypot(x2 - x1, y2 - y1) || 1;
    const nx = (-(y2 - y1) / length) * offset;
    const ny = ((x2 - x1) / length) * offset;
    return { ...flow, points: [x1 + nx, y1 + ny, x2 + nx, y2 + ny] };
  });
  return { width: best.width, height: best.height, nodes: placed, edges: pictureEdges, omittedZones: 0 };
}

/** The segment between two boxes' centres, clipped to each box's border. */
function borderToBorder(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): [number, number, number, number] {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const clip = (c: { x: number; y: number }, box: { w: number; h: number }, dx: number, dy: number) => {
    const t = Math.min(dx ? box.w / 2 / Math.abs(dx) : Infinity, dy ? box.h / 2 / Math.abs(dy) : Infinity, 1);
    return { x: c.x + dx * t, y: c.y + dy * t };
  };
  const start = clip(ca, a, cb.x - ca.x, cb.y - ca.y);
  const end = clip(cb, b, ca.x - cb.x, ca.y - cb.y);
  return [start.x, start.y, end.x, end.y];
}

function scalePicture(picture: ZonePicture, scale: number, omittedZones: number): ZonePicture {
  const s = (v: number) => Math.round(v * scale * 100) / 100;
  return {
    width: s(picture.width),
    height: s(picture.height),
    nodes: picture.nodes.map((node) => ({ ...node, x: s(node.x), y: s(node.y), w: s(node.w), h: s(node.h) })),
    edges: picture.edges.map((edge) => ({ ...edge, points: edge.points.map(s) })),
    omittedZones,
  };
}

/** The font size the picture's names print at, given its scale (never below 7 pt by construction). */
export function pictureFontSize(picture: ZonePicture): number {
  const node = picture.nodes.find((n) => !n.outside) ?? picture.nodes[0];
  return node ? Math.max(PICTURE_MIN_FONT, (PICTURE_FONT * node.w) / PICTURE_NODE.w) : PICTURE_FONT;
}

// ---------------------------------------------------------------- paths that expired in the period

/** Approved paths (from or to a zone in scope) whose expiry fell inside [from, to]. */
export function pathsExpiredIn(paths: readonly SanctionedPath[], from: Date, to: Date, zones: readonly string[] | null): number {
  const scoped = zones ? new Set(zones) : null;
  return paths.filter((path) => {
    if (path.status !== "approved" || !path.expiresAt) return false;
    const at = new Date(path.expiresAt).getTime();
    if (at < from.getTime() || at > to.getTime()) return false;
    return !scoped || scoped.has(path.from) || (path.to !== null && path.to !== undefined && scoped.has(path.to));
  }).length;
}

export const OUTSIDE_NODE = OUTSIDE;
