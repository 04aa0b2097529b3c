import { expect, test } from "@playwright/test";
import { demoUser, signInWithForm, storageFor } from "./auth";

const signedOut = { storageState: { cookies: [], origins: [] } };

test.describe("signed out", () => {
  test.use(signedOut);

  test("a signed-out visitor sees only the sign-in page and /api/health", async ({ page, request }) => {
    for (const path of ["/graph", "/zones", "/assets/purchase_events", "/audit", "/users"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in/);
      await expect(page.getByRole("heading", { name: "Sign in to Zoneline" })).toBeVisible();
    }
    expect((await request.get("/api/v1/graph")).status()).toBe(401);
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("after sign-in the visitor lands where they were going", async ({ page }) => {
    await page.goto("/zones");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fzones/);
    const user = demoUser("legal");
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/zones$/);
    await expect(page.getByRole("heading", { name: "Policy zones" })).toBeVisible();
  });

  test("a wrong password is refused with a message, and five lock the account", async ({ page }) => {
    const email = `nobody.${Date.now()}@example.com`;
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill("not-the-password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("form", { name: "Sign in with email and password" }).getByRole("alert")).toContainText(attempt <= 5 ? /invalid/i : /Too many failed sign-ins/);
    }
    await page.screenshot({ path: "screenshots/sign-in-locked.png" });
  });

  test("the embedded demo database offers one-click sign-in per role", async ({ page }) => {
    test.skip(!!process.env.DATABASE_URL, "one-click sign-in is offered only on the embedded demo database");
    await page.goto("/sign-in");
    await page.screenshot({ path: "screenshots/sign-in.png" });
    await page.getByRole("button", { name: /Sign in as Privacy reviewer/ }).click();
    await expect(page).toHaveURL(/\/graph/);
    await expect(page.getByText(demoUser("privacy_reviewer").name)).toBeVisible();
  });
});

test.describe("signed in", () => {
  test("signing out ends the session", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const user = demoUser("engineer");
    await signInWithForm(page, user.email, user.password);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/graph");
    await expect(page).toHaveURL(/\/sign-in/);
    await context.close();
  });

  test.describe("as the admin", () => {
    test.use({ storageState: storageFor("admin") });
    test("an admin adds a user, who signs in with the one-time password", async ({ page, browser }) => {
      await page.goto("/users");
      await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
      const email = `new.engineer.${Date.now()}@example.com`;
      const form = page.getByRole("form", { name: "Add a user" });
      await form.getByLabel("Email", { exact: true }).fill(email);
      await form.getByLabel("Name").fill("New Engineer");
      await form.getByRole("button", { name: "Add user" }).click();
      const secret = await page.getByTestId("one-time-password").textContent();
      expect(secret).toMatch(/^[A-Za-z0-9]{20}$/);
      await page.screenshot({ path: "screenshots/users.png", fullPage: true });
      const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const newcomer = await other.newPage();
      await signInWithForm(newcomer, email, secret!);
      await expect(newcomer.getByText("New Engineer")).toBeVisible();
      await other.close();
    });
  });

  test("the users page is for admins only", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByText("Only admins manage users")).toBeVisible();
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  });
});

test.describe("single sign-on", () => {
  test.use(signedOut);
  test("signs in through the organisation's OIDC provider; a first-time user gets the default role", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
    const login = `sso.user.${Date.now()}`;
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    const consent = page.getByRole("button", { name: "Continue" });
    if (await consent.isVisible().catch(() => false)) await consent.click();
    await expect(page).toHaveURL(/\/graph/);
    await expect(page.getByText(`${login} (SSO)`)).toBeVisible();
    await expect(page.getByText("Engineer", { exact: true })).toBeVisible();
  });
});
