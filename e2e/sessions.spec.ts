// Sessions end on the server: Log out (a cookie captured before is refused after), Change password (ends
// every other session) and Sign out of all sessions, through the Settings → Security section.
import { expect, test } from "./support/fixtures";
import { logOut, signIn } from "./support/account";
import { PASSWORD, signUp, uniqueEmail } from "./support/dashboard";

test.use({ storageState: { cookies: [], origins: [] } });

test("Log out ends the session: a cookie captured before Log out is refused afterwards", async ({ page, browser, baseURL }) => {
  await signUp(page, "Captured Cookie Co", uniqueEmail("captured"));
  const captured = await page.context().cookies();
  expect(captured.some((c) => c.name.includes("session-token"))).toBe(true);
  await logOut(page);

  const attacker = await browser.newContext({ baseURL, storageState: { cookies: captured, origins: [] } });
  const stolen = await attacker.newPage();
  await stolen.goto("/webhooks");
  await expect(stolen).toHaveURL(/\/login$/);
  expect((await attacker.request.get("/api/v1/merchant")).status()).toBe(401);
  expect((await attacker.request.post("/api/v1/api-keys", { data: { name: "stolen" }, headers: { origin: baseURL! } })).status()).toBe(401);
  await attacker.close();
});

test("Change password ends every other session; Sign out of all sessions ends this one too", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("password");
  await signUp(page, "Password Pastries", email);
  const other = await browser.newContext({ baseURL });
  const elsewhere = await other.newPage();
  await signIn(elsewhere, email, PASSWORD);

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Settings" }).click();
  const security = page.getByRole("region", { name: "Security" });
  await security.getByRole("button", { name: "Change password" }).click();
  const dialog = page.getByRole("dialog", { name: "Change password" });
  await dialog.getByLabel("Current password").fill("not-my-password");
  await dialog.getByLabel("New password", { exact: true }).fill("a-new-password-42");
  await dialog.getByLabel("Confirm new password").fill("a-new-password-42");
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("That password is not correct")).toBeVisible();
  await dialog.getByLabel("Current password").fill(PASSWORD);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("1 other session was signed out.")).toBeVisible();

  // This browser stays signed in; the other one is out on its next request.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await elsewhere.goto("/webhooks");
  await expect(elsewhere).toHaveURL(/\/login$/);
  await elsewhere.getByLabel("Email").fill(email);
  await elsewhere.getByLabel("Password").fill(PASSWORD);
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere.locator("form").getByRole("alert")).toHaveText("Incorrect email or password");
  await signIn(elsewhere, email, "a-new-password-42");

  // Sign out of all sessions: both browsers are signed out.
  await security.getByRole("button", { name: "Sign out of all sessions" }).click();
  const confirm = page.getByRole("dialog", { name: "Sign out of all sessions?" });
  await confirm.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await elsewhere.goto("/settings");
  await expect(elsewhere).toHaveURL(/\/login$/);
  await other.close();
});

test("Settings lists each signed-in browser (This device marked); Sign out ends one session, then this one", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("devices");
  await signUp(page, "Device Deli", email);
  const other = await browser.newContext({ baseURL, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0" });
  const elsewhere = await other.newPage();
  await signIn(elsewhere, email, PASSWORD);

  await page.goto("/settings");
  const security = page.getByRole("region", { name: "Security" });
  const sessions = security.getByRole("list", { name: "Signed-in sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  const mine = sessions.getByRole("listitem").filter({ hasText: "This device" });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Chrome on Linux");
  await expect(mine).toContainText(/127\.0\.0\.1 · signed in (just now|\d+ minutes? ago) · last seen/);
  const firefox = sessions.getByRole("listitem").filter({ hasText: "Firefox on Windows" });
  await expect(firefox).not.toContainText("This device");
  await expect(security.getByRole("button", { name: "Sign out of all sessions" })).toBeVisible(); // still beside the list

  await firefox.getByRole("button", { name: /^Sign out Firefox on Windows/ }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Session signed out");
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await elsewhere.goto("/webhooks");
  await expect(elsewhere).toHaveURL(/\/login$/);
  await other.close();

  await page.reload();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await sessions.getByRole("button", { name: "Sign out this device" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
});
