// The body of a `violation.opened` delivery: what a receiver (a pager, a ticket, a chat
// channel) needs to act without calling back, and a link to the violation in the dashboard.
export interface OpenedViolation {
  id: number;
  kind: string;
  subject: string;
  assetId: string | null;
  edgeFromId: string | null;
  edgeToId: string | null;
  zoneId: string;
  categories: string[];
  explanation: string;
  path: string[];
}

export interface ViolationOpenedPayload {
  event: "violation.opened";
  deliveryId: string;
  createdAt: string;
  violation: {
    id: number;
    kind: string;
    subject: string;
    asset: string | null;
    edge: { from: string; to: string } | null;
    zone: string;
    categories: string[];
    explanation: string;
    path: string[];
    openedRunId: number;
    openedAt: string;
    worldVersion: number;
    url: string | null;
  };
}

export function violationLink(baseUrl: string | null | undefined, v: { zoneId: string; kind: string }): string | null {
  if (!baseUrl) return null;
  const params = new URLSearchParams({ zone: v.zoneId, kind: v.kind });
  return `${baseUrl.replace(/\/+$/, "")}/violations?${params}`;
}

export function violationOpenedPayload(input: {
  deliveryId: string;
  createdAt: Date;
  violation: OpenedViolation;
  run: { id: number; at: Date; worldVersion: number };
  baseUrl: string | null | undefined;
}): ViolationOpenedPayload {
  const v = input.violation;
  return {
    event: "violation.opened",
    deliveryId: input.deliveryId,
    createdAt: input.createdAt.toISOString(),
    violation: {
      id: v.id,
      kind: v.kind,
      subject: v.subject,
      asset: v.assetId,
      edge: v.edgeFromId !== null && v.edgeToId !== null ? { from: v.edgeFromId, to: v.edgeToId } : null,
      zone: v.zoneId,
      categories: v.categories,
      explanation: v.explanation,
      path: v.path,
      openedRunId: input.run.id,
      openedAt: input.run.at.toISOString(),
      worldVersion: input.run.worldVersion,
      url: violationLink(input.baseUrl, v),
    },
  };
}
