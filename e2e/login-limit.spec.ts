// Too many sign-in attempts get the server's 429, shown as its own message (not "wrong password").
import { expect, test } from "./support/fixtures";
import { uniqueEmail } from "./support/dashboard";

// A client address of its own, so this spec's attempts do not count against the other specs' logins.
test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });

test("after too many attempts for one email the login page says to wait", async ({ page }) => {
  const email = uniqueEmail("brute");
  const formError = page.locator("form").getByRole("alert");
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  const attempt = async (password: string) => {
    await page.getByLabel("Password").fill(password);
    // The first step of sign-in: the pre-check answers wrong passwords and the 429 (no session is created there).
    const response = page.waitForResponse((r) => r.url().includes("/api/login/precheck"));
    await page.getByRole("button", { name: "Sign in" }).click();
    return (await response).status();
  };

  for (let i = 0; i < 10; i++) {
    expect(await attempt(`wrong-password-${i}`)).not.toBe(429); // 10 attempts per email per 15 minutes
    await expect(formError).toHaveText("Incorrect email or password");
  }
  expect(await attempt("wrong-password-final")).toBe(429);
  await expect(formError).toHaveText("Too many sign-in attempts. Wait a minute and try again.");
  await expect(page).toHaveURL(/\/login$/);
});
