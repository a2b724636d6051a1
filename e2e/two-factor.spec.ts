// Settings → Security → two-factor: enable (QR code, setup key, Authentication code, recovery codes once),
// then sign in with a code, a wrong code refused, a recovery code used once, and disabling.
import { expect, test } from "./support/fixtures";
import { AuthenticatorApp, enterPassword, logOut, sessionCookie, signIn } from "./support/account";
import { PASSWORD, signUp, uniqueEmail } from "./support/dashboard";

test.use({ storageState: { cookies: [], origins: [] } });

test("enable two-factor, sign in with a code, a wrong code refused, a recovery code used once", async ({ page }) => {
  test.setTimeout(150_000); // a code is accepted once: the spec may wait for the next 30 s step
  const email = uniqueEmail("twofactor");
  await signUp(page, "Two Factor Tea", email);

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Settings" }).click();
  const security = page.getByRole("region", { name: "Security" });
  await expect(security.getByText("Off: signing in needs only your password")).toBeVisible();
  await security.getByRole("button", { name: "Enable two-factor authentication" }).click();

  const setup = page.getByRole("dialog", { name: "Enable two-factor authentication" });
  // The password first: a session alone does not turn two-factor on.
  await setup.getByLabel("Password").fill("not-the-password");
  await setup.getByRole("button", { name: "Continue" }).click();
  await expect(setup.getByText("That password is not correct")).toBeVisible();
  await setup.getByLabel("Password").fill(PASSWORD);
  await setup.getByRole("button", { name: "Continue" }).click();
  const qr = setup.getByRole("img", { name: "QR code for your authenticator app" });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  const setupKey = (await setup.getByTestId("setup-key").innerText()).trim();
  expect(setupKey).toMatch(/^[A-Z2-7]{32}$/);
  const app = new AuthenticatorApp(setupKey);

  await setup.getByLabel("Authentication code").fill(app.wrongCode());
  await setup.getByRole("button", { name: "Enable" }).click();
  await expect(setup.getByText("That authentication code is not valid")).toBeVisible();
  await setup.getByLabel("Authentication code").fill(await app.code());
  await setup.getByRole("button", { name: "Enable" }).click();

  const codesDialog = page.getByRole("dialog", { name: "Recovery codes" });
  const items = codesDialog.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(items).toHaveCount(10);
  const recoveryCodes = await items.allInnerTexts();
  await codesDialog.getByRole("button", { name: "Done" }).click();
  await expect(security.getByText("On: signing in asks for a code from your authenticator app. 10 of 10 recovery codes left.")).toBeVisible();
  // Shown once: the page itself never holds them.
  await page.reload();
  expect(await page.content()).not.toContain(recoveryCodes[0]);

  await logOut(page);

  // The password alone: the page asks for the code, and no session exists yet.
  await enterPassword(page, email, PASSWORD);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  expect(await sessionCookie(page)).toBeUndefined();
  // A field of its own: empty, not the password typed a moment ago shown as text.
  await expect(code).toHaveValue("");
  expect(await code.evaluate((el) => (el as HTMLInputElement).value)).not.toBe(PASSWORD);

  await code.fill(app.wrongCode());
  const verify = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Verify" }).click();
  expect(new URLSearchParams((await verify).postData() ?? "").get("code")).not.toBe(PASSWORD);
  await expect(page.locator("form").getByRole("alert")).toHaveText(/That code is not valid/);
  expect(await sessionCookie(page)).toBeUndefined();

  await code.fill(await app.code());
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await logOut(page);

  // A recovery code signs in once.
  await enterPassword(page, email, PASSWORD);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await page.goto("/settings");
  await expect(security.getByText("9 of 10 recovery codes left.")).toBeVisible();
  await logOut(page);

  await enterPassword(page, email, PASSWORD);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(/That code is not valid/);
  expect(await sessionCookie(page)).toBeUndefined();

  // Disabling needs the password and a code.
  await page.getByLabel("Authentication code").fill(recoveryCodes[1]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await page.goto("/settings");
  await security.getByRole("button", { name: "Disable two-factor authentication" }).click();
  const disable = page.getByRole("dialog", { name: "Disable two-factor authentication" });
  await disable.getByLabel("Password").fill("not-the-password");
  await disable.getByLabel("Authentication code").fill(await app.code());
  await disable.getByRole("button", { name: "Disable" }).click();
  await expect(disable.getByText("That password is not correct")).toBeVisible();
  await disable.getByLabel("Password").fill(PASSWORD);
  await disable.getByLabel("Authentication code").fill(await app.code());
  await disable.getByRole("button", { name: "Disable" }).click();
  await expect(disable).toBeHidden();
  await expect(security.getByText("Off: signing in needs only your password")).toBeVisible();
  await logOut(page);
  await signIn(page, email, PASSWORD);
});
