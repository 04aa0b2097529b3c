"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { FormState } from "@/lib/form-state";
import { AppError } from "@/server/errors";
import { createApiToken, revokeApiToken } from "@/server/tokens/api-tokens";

const failure = (error: unknown): FormState => {
  if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
  throw error;
};

export async function createToken(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("admin.manage");
  try {
    const created = await createApiToken(actor, { name: String(form.get("name") ?? ""), scopes: form.getAll("scopes").map(String) });
    revalidatePath("/tokens");
    return { ok: true, message: `Created "${created.name}" (${created.scopes.join(", ")}). Copy the secret now; it is shown only once:`, secret: created.secret };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeToken(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("admin.manage");
  try {
    await revokeApiToken(actor, String(form.get("tokenId") ?? ""));
    revalidatePath("/tokens");
    return { ok: true, message: "Revoked." };
  } catch (error) {
    return failure(error);
  }
}
