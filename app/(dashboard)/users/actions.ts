"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { FormState } from "@/lib/form-state";
import { AppError } from "@/server/errors";
import { createUser, resetUserPassword, setUserDisabled, setUserRoles } from "@/server/users/manage-users";

type UserFormState = FormState;

const failure = (error: unknown): UserFormState => {
  if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
  throw error;
};

export async function addUser(_: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await actionActor("admin.manage");
  try {
    const created = await createUser(actor, { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), roles: form.getAll("roles").map(String) });
    revalidatePath("/users");
    return { ok: true, message: `Created ${created.email}. Give them this one-time password; it is shown only now.`, secret: created.password };
  } catch (error) {
    return failure(error);
  }
}

export async function saveUserRoles(_: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await actionActor("admin.manage");
  try {
    await setUserRoles(actor, String(form.get("userId") ?? ""), form.getAll("roles").map(String));
    revalidatePath("/users");
    return { ok: true, message: "Roles saved." };
  } catch (error) {
    return failure(error);
  }
}

export async function setUserActive(_: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await actionActor("admin.manage");
  try {
    const disable = form.get("disable") === "1";
    await setUserDisabled(actor, String(form.get("userId") ?? ""), disable);
    revalidatePath("/users");
    return { ok: true, message: disable ? "Disabled: their sessions have ended." : "Enabled." };
  } catch (error) {
    return failure(error);
  }
}

export async function resetPassword(_: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await actionActor("admin.manage");
  try {
    const { password } = await resetUserPassword(actor, String(form.get("userId") ?? ""));
    return { ok: true, message: "New one-time password (their sessions have ended):", secret: password };
  } catch (error) {
    return failure(error);
  }
}
