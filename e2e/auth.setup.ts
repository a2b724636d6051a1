// Signs up the main e2e merchant through the UI once and saves its session for the specs.
import { test as setup } from "./support/fixtures";
import { MERCHANT_STATE } from "./support/paths";
import { signUp, uniqueEmail } from "./support/dashboard";

setup("sign up the e2e merchant", async ({ page }) => {
  await signUp(page, "Acme Coffee", uniqueEmail("acme"));
  await page.context().storageState({ path: MERCHANT_STATE });
});
