// Real events through the intake, the worker and a real receiver, watched in the endpoint's delivery log.
import { expect, test } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, endpointRow, logEntry, openEndpoint } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { verifyDelivery } from "./support/receiver";

test.beforeEach(async ({ page }) => {
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
});

test("a published event appears in the delivery log; expanding shows the signed request and the response; Resend sends it again", async ({ page, receiver }) => {
  const server = await receiver(200);
  const secret = await createWebhook(page, server.url, "Order fulfilment");
  const event = await publishEvent(page.request, await merchantId(page.request));
  expect(event.deliveries).toBe(1);
  await expect.poll(() => server.received.length).toBe(1);

  await openEndpoint(page, server.url);
  const entry = logEntry(page, event.id);
  await expect(entry).toContainText("Succeeded");
  await expect(entry).toContainText("checkout_session.completed");
  const cells = entry.getByRole("row").first().getByRole("cell");
  await expect(cells.nth(2)).toContainText("200");
  await expect(cells.nth(3)).toContainText(/\d+ ms/);
  await expect(cells.nth(4)).toContainText("1");
  await expect(entry).not.toContainText("Test");

  const toggle = entry.getByRole("button", { name: event.id });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const attempt1 = entry.getByRole("listitem", { name: "Attempt 1" });
  await expect(attempt1).toContainText(`POST ${server.url}`);
  await expect(attempt1.getByLabel("Attempt 1 request headers")).toContainText(/webhook-signature: v1,[A-Za-z0-9+/=]+/);
  await expect(attempt1.getByLabel("Attempt 1 request headers")).toContainText(`webhook-id: ${event.id}`);
  // The body is pretty-printed JSON.
  await expect(attempt1.getByLabel("Attempt 1 request body")).toContainText('"amountTotal": "42.50"');
  await expect(attempt1).toContainText("Status 200");
  await expect(attempt1.getByLabel("Attempt 1 response body")).toHaveText("ok");

  await entry.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByRole("status")).toContainText("Resend queued");
  await expect.poll(() => server.received.length).toBe(2);
  expect(server.received.map((r) => r.headers["webhook-id"])).toEqual([event.id, event.id]);
  verifyDelivery(secret, server.received[1]);
  // The log refreshes itself: two attempts, the newest first.
  await expect(entry.getByRole("listitem", { name: "Attempt 2" })).toBeVisible();
  await expect(cells.nth(4)).toContainText("2");
  await expect(entry).toContainText("Succeeded");
  await expect(page.getByRole("list", { name: "Audit log entries" })).toContainText("Delivery resent");

  await page.goto("/webhooks");
  await expect(endpointRow(page, server.url)).toContainText("100%");
});

test("a failing receiver: Retrying with the next retry time, then Failed; the status filter finds it", async ({ page, receiver }) => {
  const failing = await receiver(500);
  await createWebhook(page, failing.url, "Always failing");
  await openEndpoint(page, failing.url);
  await expect(page.getByText("No deliveries yet")).toBeVisible();

  const event = await publishEvent(page.request, await merchantId(page.request));
  // The log picks up new deliveries on Refresh, then follows them live while they are in flight.
  await page.getByRole("button", { name: "Refresh" }).click();
  const entry = logEntry(page, event.id);
  await expect(entry).toContainText("Retrying");
  const cells = entry.getByRole("row").first().getByRole("cell");
  await expect(cells.nth(5)).toContainText(/in \d+ seconds?/); // the next retry (WEBHOOK_RETRY_SCHEDULE=1s,8s)
  await expect(cells.nth(2)).toContainText("500");

  await expect(entry).toContainText("Failed", { timeout: 30_000 });
  await expect(cells.nth(4)).toContainText("3");
  await expect(cells.nth(5)).not.toContainText(/in \d+/);
  expect(failing.received).toHaveLength(3);
  expect(new Set(failing.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([event.id]));

  await entry.getByRole("button", { name: event.id }).click();
  const attempt3 = entry.getByRole("listitem", { name: "Attempt 3" });
  await expect(attempt3).toContainText("HTTP 500");
  await expect(attempt3.getByLabel("Attempt 3 response body")).toHaveText("receiver failed on purpose");
  await expect(entry.getByRole("listitem", { name: /^Attempt \d$/ })).toHaveCount(3);

  const filters = page.getByRole("navigation", { name: "Filter deliveries by status" });
  await filters.getByRole("link", { name: "Failed" }).click();
  await expect(page).toHaveURL(/\?status=failed$/);
  await expect(filters.getByRole("link", { name: "Failed" })).toHaveAttribute("aria-current", "page");
  await expect(logEntry(page, event.id)).toContainText("Failed");

  await filters.getByRole("link", { name: "Succeeded" }).click();
  await expect(page).toHaveURL(/\?status=succeeded$/);
  await expect(page.getByText("No succeeded deliveries")).toBeVisible();
  await expect(logEntry(page, event.id)).toHaveCount(0);

  await page.goto("/webhooks");
  await expect(endpointRow(page, failing.url)).toContainText("0%");
});

test("test deliveries are marked Test, and the log pages with Load more", async ({ page, receiver }) => {
  const server = await receiver(200);
  await createWebhook(page, server.url, "Busy endpoint");
  const merchant = await merchantId(page.request);
  const ids: string[] = [];
  for (let i = 0; i < 26; i++) ids.push((await publishEvent(page.request, merchant, "checkout_session.expired")).id);
  await expect.poll(() => server.received.length, { timeout: 20_000 }).toBe(26);

  await openEndpoint(page, server.url);
  await page.getByRole("button", { name: "Send Test Event" }).click();
  await expect(page.getByRole("status")).toContainText("Test event delivered");
  const newest = page.getByRole("table", { name: /^Deliveries to/ }).locator("tbody").first();
  await expect(newest).toContainText("Test");

  const toggles = page.getByRole("button", { expanded: false }).filter({ hasText: "checkout_session." });
  await expect(toggles).toHaveCount(25);
  await expect(logEntry(page, ids[0])).toHaveCount(0); // the oldest is on the second page
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(logEntry(page, ids[0])).toBeVisible();
  await expect(toggles).toHaveCount(27);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  // Keyboard: Enter on the event opens its attempts; if they fail to load, Retry fetches them again.
  const fail = (route: import("@playwright/test").Route) =>
    route.request().method() === "GET"
      ? route.fulfill({ status: 500, json: { error: { code: "internal_error", message: "Something went wrong on our side" } } })
      : route.fallback();
  await page.route("**/api/v1/deliveries/*", fail);
  const entry = logEntry(page, ids[25]);
  await entry.getByRole("button", { name: ids[25] }).focus();
  await page.keyboard.press("Enter");
  const error = entry.getByRole("alert");
  await expect(error).toContainText("The attempts could not be loaded");
  await page.unroute("**/api/v1/deliveries/*", fail);
  await error.getByRole("button", { name: "Retry" }).click();
  await expect(entry.getByRole("listitem", { name: "Attempt 1" })).toBeVisible();
  await expect(error).toBeHidden();
});
