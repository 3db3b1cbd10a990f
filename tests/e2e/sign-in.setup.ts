// Signs in once through the form as the test server's admin; the other tests start from this browser state.
import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN, signedInState } from "./accounts";

setup("sign in as the admin", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.context().storageState({ path: signedInState() });
});
