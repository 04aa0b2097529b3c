import { expect, test as setup } from "@playwright/test";
import { ROLES } from "../lib/auth/permissions";
import { demoUser, signInWithForm, storageFor } from "./auth";

// One signed-in session per demo role, through the real sign-in page.
for (const role of ROLES) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    const user = demoUser(role);
    await signInWithForm(page, user.email, user.password);
    await expect(page.getByText(user.name)).toBeVisible();
    await page.context().storageState({ path: storageFor(role) });
  });
}
