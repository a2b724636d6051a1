import { expect, test } from "./support/fixtures";
import { PASSWORD, signUp, uniqueEmail } from "./support/dashboard";

test.use({ storageState: { cookies: [], origins: [] } });

test("the dashboard sends a logged-out visitor to the login page", async ({ page }) => {
  await page.goto("/webhooks");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("sign-up shows clear inline errors and creates nothing on bad input", async ({ page }) => {
  const email = uniqueEmail("short");
  await page.goto("/signup");
  await page.getByLabel("Business name").fill("Short Password Ltd");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("tiny");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Password must be at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/signup$/);

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("tiny");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect email or password")).toBeVisible();
});

test("sign up, log out, log back in; a taken email and a wrong password get clear errors", async ({ page }) => {
  const email = uniqueEmail("roundtrip");
  await signUp(page, "Roundtrip Roasters", email);
  const nav = page.getByRole("navigation");
  await expect(nav.getByText("Roundtrip Roasters")).toBeVisible();

  await nav.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/webhooks");
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/signup");
  await page.getByLabel("Business name").fill("Copycat Inc");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("copycat-password-123");
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up never says which emails have accounts: a neutral message, the same for any failed sign-in after it.
  await expect(page.getByText("If you already have an account with this email, log in instead.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Incorrect email or password")).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("navigation").getByText("Roundtrip Roasters")).toBeVisible();
});
