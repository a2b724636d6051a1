// The endpoint, Events and Settings pages at 320 px on a touch screen and in both themes; the
// screenshots are kept as test artifacts for review.
import { expect, test, watchCsp } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, logEntry, listEndpoints } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { startReceiver, type Receiver } from "./support/receiver";

let server: Receiver;
let pages: Array<{ name: string; path: string }>;
let eventId: string;

test.beforeEach(async ({ page }) => {
  server = await startReceiver(200);
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
  const url = `${server.url}/orders/checkout-sessions/very/long/path/to/show/truncation`;
  await createWebhook(page, url, "Order fulfilment service in the EU region");
  const [endpoint] = await listEndpoints(page.request);
  eventId = (await publishEvent(page.request, await merchantId(page.request))).id;
  await expect.poll(() => server.received.length).toBe(1);
  expect((await page.request.post("/api/v1/api-keys", { data: { name: "Production server (eu-west-1)" } })).status()).toBe(201);
  pages = [
    { name: "endpoint", path: `/webhooks/${endpoint.id}` },
    { name: "events", path: "/events" },
    { name: "settings", path: "/settings" },
  ];
});

test.afterEach(async ({ page }) => {
  await server.close();
  const keys = ((await (await page.request.get("/api/v1/api-keys")).json()) as { data: Array<{ id: string }> }).data;
  for (const key of keys) await page.request.delete(`/api/v1/api-keys/${key.id}`);
});

test("at 320 px on a touch screen nothing scrolls sideways, expanded rows included", async ({ page, browser }, testInfo) => {
  const phone = await browser.newContext({
    storageState: await page.context().storageState(),
    viewport: { width: 320, height: 640 },
    isMobile: true,
    hasTouch: true,
  });
  const violations = watchCsp(phone);
  try {
    const mobile = await phone.newPage();
    for (const { name, path } of pages) {
      await mobile.goto(path);
      await expect(mobile.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(320);
      await mobile.screenshot({ path: testInfo.outputPath(`${name}-320.png`), fullPage: true });
    }
    await mobile.goto(pages[0].path);
    const entry = logEntry(mobile, eventId);
    await entry.getByRole("button", { name: eventId }).click();
    await expect(entry.getByRole("listitem", { name: "Attempt 1" })).toBeVisible();
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await entry.scrollIntoViewIfNeeded();
    await mobile.screenshot({ path: testInfo.outputPath("endpoint-320-expanded.png"), fullPage: true });
  } finally {
    await phone.close();
  }
  expect(violations).toEqual([]);
});

test("light and dark themes on the new pages", async ({ page }, testInfo) => {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const { name, path } of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`${name}-${scheme}.png`), fullPage: true });
    }
  }
  await page.goto(pages[0].path);
  await page.emulateMedia({ colorScheme: "light" });
  await logEntry(page, eventId).getByRole("button", { name: eventId }).click();
  await expect(logEntry(page, eventId).getByRole("listitem", { name: "Attempt 1" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("endpoint-expanded-light.png"), fullPage: true });
  await page.goto("/events");
  await logEntry(page, eventId).getByRole("button", { name: eventId }).click();
  await expect(page.getByLabel("Event payload")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("events-expanded-light.png"), fullPage: true });
});
