"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { DryRun } from "@/lib/engine/dry-run";
import { isPathTransition } from "@/lib/paths/lifecycle";
import type { PathRequestFields } from "@/lib/paths/request";
import { decidePath } from "@/server/paths/decide-path";
import { previewPathRequest, requestPath } from "@/server/paths/request-path";
import { AppError } from "@/server/errors";
import { decodeSelection } from "@/lib/graph/view-state";

export type PreviewState = { ok: true; warnings: string[]; dryRun: DryRun } | { ok: false; errors: string[] };
export type RequestState = { ok: true; id: string; warnings: string[] } | { ok: false; errors: string[] } | null;
export type DecisionState = { ok: true; message: string } | { ok: false; errors: string[] } | null;

const failure = (error: unknown): { ok: false; errors: string[] } => {
  if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
  throw error;
};

// A page loaded before the caller's roles changed (or a crafted call) gets the refusal as a message, not a crash
const refused = (error: unknown): { ok: false; errors: string[] } => failure(error);
const isRefusal = (value: unknown): value is { ok: false; errors: string[] } => typeof value === "object" && value !== null && "ok" in value;

const edgeOf = (text: string) => {
  const selection = text ? decodeSelection(`e:${text}`) : null;
  return selection?.kind === "edge" ? { from: selection.from, to: selection.to } : null;
};

/** The dry run the form shows before sending: what approving this request would resolve, and what it would not. */
export async function previewPathRequestAction(fields: PathRequestFields): Promise<PreviewState> {
  const actor = await actionActor("path.request").catch(refused);
  if (isRefusal(actor)) return actor;
  try {
    const { warnings, dryRun } = await previewPathRequest(actor, fields, edgeOf(fields.edge));
    return { ok: true, warnings, dryRun };
  } catch (error) {
    return failure(error);
  }
}

export async function requestPathAction(fields: PathRequestFields): Promise<RequestState> {
  const actor = await actionActor("path.request").catch(refused);
  if (isRefusal(actor)) return actor;
  try {
    const { path, warnings } = await requestPath(actor, fields, edgeOf(fields.edge));
    revalidatePath("/paths");
    return { ok: true, id: path.id, warnings };
  } catch (error) {
    return failure(error);
  }
}

/** Approve, reject or revoke (a privacy reviewer's decisions). */
export async function decidePathAction(_: DecisionState, form: FormData): Promise<DecisionState> {
  const actor = await actionActor("path.decide").catch(refused);
  if (isRefusal(actor)) return actor;
  try {
    const transition = String(form.get("transition") ?? "");
    if (!isPathTransition(transition) || transition === "withdraw") throw new AppError("INVALID_REQUEST", `transition: "${transition}" is not a reviewer's decision`);
    const { path } = await decidePath(actor, { id: String(form.get("id") ?? ""), transition, note: String(form.get("note") ?? "") }, { evaluate: "background" });
    revalidatePath("/paths");
    return { ok: true, message: `${path.id} is ${path.status}.` };
  } catch (error) {
    return failure(error);
  }
}

/** The requester takes back their own pending request. */
export async function withdrawPathAction(_: DecisionState, form: FormData): Promise<DecisionState> {
  const actor = await actionActor("path.request").catch(refused);
  if (isRefusal(actor)) return actor;
  try {
    const { path } = await decidePath(actor, { id: String(form.get("id") ?? ""), transition: "withdraw", note: String(form.get("note") ?? "") }, { evaluate: "background" });
    revalidatePath("/paths");
    return { ok: true, message: `${path.id} is withdrawn.` };
  } catch (error) {
    return failure(error);
  }
}
