"use server";

import { revalidatePath } from "next/cache";
import { runEvaluation } from "@/server/evaluations/run-evaluation";

export async function rerunEvaluation(): Promise<void> {
  // Anyone may re-run for now; reviewers only once roles exist.
  await runEvaluation({ trigger: "manual", actor: "dashboard" });
  revalidatePath("/violations");
  revalidatePath("/changes");
}
