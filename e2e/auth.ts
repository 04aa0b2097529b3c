import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import type { Role } from "../lib/auth/permissions";
import { DEMO_USERS } from "../server/users/demo-users";

// Each demo role signs in once (auth.setup.ts) and its session is kept here for the specs.
export const AUTH_DIR = path.resolve(import.meta.dirname, "../test-results/.auth");
export const storageFor = (role: Role) => path.join(AUTH_DIR, `${role}.json`);

export function demoUser(role: Role) {
  const user = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role);
  if (!user) throw new Error(`no demo user for ${role}`);
  return user;
}

/** Signs in through the sign-in form, as a person would. */
export async function signInWithForm(page: Page, email: string, password: string, base = "") {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/graph/);
}

/** A Cookie header for fetch() calls made outside the browser, from a role's stored session. */
export function cookieHeader(role: Role): string {
  const state = JSON.parse(fs.readFileSync(storageFor(role), "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
