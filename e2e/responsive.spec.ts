// Layout checks at phone width and in dark mode; the screenshots are kept as test artifacts for review.
import { expect, test } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, endpointRow } from "./support/dashboard";

test.beforeEach(async ({ page }) => {
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
  await createWebhook(page, "https://shop.example.com/api/webhooks/dashx/checkout-sessions", "Order fulfilment");
});

test("at 320 px on a touch screen the list is readable and the row actions are always visible", async ({ page, browser }, testInfo) => {
  await createWebhook(page, "https://erp.example.net/hooks/dashx", "");
  const phone = await browser.newContext({
    storageState: await page.context().storageState(),
    viewport: { width: 320, height: 640 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    const mobile = await phone.newPage();
    await mobile.goto("/webhooks");
    expect(await mobile.evaluate(() => matchMedia("(hover: none)").matches)).toBe(true);
    const row = endpointRow(mobile, "https://erp.example.net/hooks/dashx");
    await expect(row.locator("[data-row-actions]")).toHaveCSS("opacity", "1");
    const send = row.getByRole("button", { name: "Send Test Event" });
    await send.scrollIntoViewIfNeeded();
    await expect(send).toBeInViewport({ ratio: 1 });
    // Nothing scrolls sideways: rows collapse into cards.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await mobile.screenshot({ path: testInfo.outputPath("webhooks-320-actions.png") });
    await mobile.evaluate(() => window.scrollTo(0, 0));
    await mobile.screenshot({ path: testInfo.outputPath("webhooks-320.png") });

    await mobile.getByRole("button", { name: "Create Webhook" }).click();
    await expect(mobile.getByRole("dialog", { name: "Create Webhook" })).toBeInViewport();
    await mobile.screenshot({ path: testInfo.outputPath("create-dialog-320.png") });
  } finally {
    await phone.close();
  }
});

test("light and dark themes follow the system setting", async ({ page }, testInfo) => {
  const row = endpointRow(page, "https://shop.example.com/api/webhooks/dashx/checkout-sessions");
  await row.hover();
  await expect(row.locator("[data-row-actions]")).toHaveCSS("opacity", "1");
  // Row actions fit in the table: nothing scrolls sideways on a 1280 px screen.
  expect(await page.locator("table").evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("webhooks-light.png"), fullPage: true });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.mouse.move(0, 0);
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).not.toBe(light);
  await page.screenshot({ path: testInfo.outputPath("webhooks-dark.png"), fullPage: true });

  await page.getByRole("button", { name: "Create Webhook" }).click();
  const form = page.getByRole("dialog", { name: "Create Webhook" });
  await form.getByLabel("Endpoint URL").fill("https://hooks.example.org/dashx");
  await form.getByLabel("Description").fill("Analytics");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("dialog", { name: "Webhook Secret Key" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("secret-dialog-dark.png") });
});
