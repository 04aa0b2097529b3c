"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import { runEvaluation } from "@/server/evaluations/run-evaluation";

export async function rerunEvaluation(): Promise<void> {
  const actor = await actionActor("world.evaluate");
  await runEvaluation({ trigger: "manual", actor: actor.email });
  revalidatePath("/violations");
  revalidatePath("/changes");
}
