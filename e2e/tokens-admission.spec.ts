import { expect, request as playwrightRequest, test } from "@playwright/test";
import { storageFor } from "./auth";

// An admin creates a pipeline's token on the Tokens page; the pipeline asks
// the admission API with it; both answers show on the Audit page.
test.use({ storageState: storageFor("admin") });

test("a token made on the Tokens page gates a training job through the admission API, and the checks are audited", async ({ page, baseURL }) => {
  await page.goto("/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const name = `e2e-pipeline-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Create a token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel(/^admission/).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("one-time-password").textContent())!.trim();
  expect(secret).toMatch(/^zl_/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("admission");

  // the pipeline: no cookies, only the bearer token
  const pipeline = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const ask = (input: string) => pipeline.post("/api/v1/admission", { data: { job: "assistant_finetune", purpose: "train_ai_system.fine_tune", inputs: [input] } });
  const raw = await ask("assistant_interactions");
  expect(raw.status()).toBe(200);
  const denied = await raw.json();
  expect(denied).toMatchObject({ allowed: false, reasons: expect.arrayContaining([expect.objectContaining({ input: "assistant_interactions", enforced: true })]) });
  const allowed = await (await ask("assistant_training_examples")).json();
  expect(allowed).toMatchObject({ allowed: true, reasons: [] });
  // the token has no read scope
  expect((await pipeline.get("/api/v1/world")).status()).toBe(403);
  await pipeline.dispose();

  await page.goto("/audit?action=admission.check");
  const log = page.getByRole("table");
  await expect(log).toContainText(denied.checkId);
  await expect(log).toContainText(allowed.checkId);
  await expect(log).toContainText(`token:${name}`);

  // last use shows on the Tokens page; revoking ends the token
  await page.goto("/tokens");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  const after = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  expect((await after.post("/api/v1/admission", { data: { job: "j", purpose: "train_ai_system", inputs: ["assistant_training_examples"] } })).status()).toBe(401);
  await after.dispose();
});
