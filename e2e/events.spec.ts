// The Events page: teaching empty state, events with per-endpoint delivery status, payloads, filters, paging.
import { expect, test } from "./support/fixtures";
import { createWebhook, endpointRow, logEntry, signUp, uniqueEmail } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { startReceiver, type Receiver } from "./support/receiver";

// A fresh merchant per test, so the list holds exactly what the test published.
test.use({ storageState: { cookies: [], origins: [] } });

let receivers: Receiver[] = [];

test.afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

test("Events teaches when empty, then lists events with their delivery status and shows the payload", async ({ page }) => {
  await signUp(page, "Events Emporium", uniqueEmail("events"));
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await nav.getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(nav.getByRole("link", { name: "Events" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "No events yet" })).toBeVisible();
  await expect(page.getByText("npm run trigger -- completed")).toBeVisible();

  const server = await startReceiver(200);
  receivers.push(server);
  await page.goto("/webhooks");
  await createWebhook(page, server.url, "Fulfilment");
  const merchant = await merchantId(page.request);
  const completed = await publishEvent(page.request, merchant, "checkout_session.completed");
  const expired = await publishEvent(page.request, merchant, "checkout_session.expired");
  await expect.poll(() => server.received.length).toBe(2);
  const row = endpointRow(page, server.url);
  await row.hover();
  await row.getByRole("button", { name: "Send Test Event" }).click();
  await expect(page.getByRole("status")).toContainText("Test event delivered");

  await nav.getByRole("link", { name: "Events" }).click();
  const entry = logEntry(page, completed.id);
  await expect(entry).toContainText("checkout_session.completed");
  const deliveries = entry.getByRole("list", { name: "Deliveries" });
  await expect(deliveries).toContainText(server.url);
  await expect(deliveries).toContainText("Succeeded");
  await expect(deliveries).toContainText("1 attempt");
  await expect(entry).not.toContainText("Test");
  // Newest first: the test event, then expired, then completed.
  const toggles = page.getByRole("button", { expanded: false }).filter({ hasText: "checkout_session." });
  await expect(toggles).toHaveCount(3);
  await expect(page.locator("tbody").nth(0)).toContainText("Test");
  await expect(page.locator("tbody").nth(1)).toContainText(expired.id);
  await expect(page.locator("tbody").nth(2)).toContainText(completed.id);

  const toggle = entry.getByRole("button", { name: completed.id });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const payload = entry.getByLabel("Event payload");
  await expect(payload).toContainText(`"id": "${completed.id}"`);
  await expect(payload).toContainText('"type": "checkout_session.completed"');
  await expect(payload).toContainText('"amountTotal": "42.50"');
  await entry.getByRole("link", { name: server.url }).click();
  await expect(page).toHaveURL(/\/webhooks\/[^/]+$/);
  await expect(logEntry(page, completed.id)).toBeVisible();

  await page.goto("/events");
  const filters = page.getByRole("navigation", { name: "Filter events by type" });
  await filters.getByRole("link", { name: "Expired" }).click();
  await expect(page).toHaveURL(/\?type=checkout_session\.expired$/);
  await expect(logEntry(page, expired.id)).toBeVisible();
  await expect(logEntry(page, completed.id)).toHaveCount(0);
  await filters.getByRole("link", { name: "Canceled" }).click();
  await expect(page.getByText("No checkout_session.canceled events")).toBeVisible();
});

test("Events page with Load more; a failed page load shows an error with Retry", async ({ page }) => {
  await signUp(page, "Paging Partners", uniqueEmail("paging"));
  const merchant = await merchantId(page.request);
  const ids: string[] = [];
  for (let i = 0; i < 27; i++) ids.push((await publishEvent(page.request, merchant, "checkout_session.canceled")).id);

  await page.goto("/events");
  const toggles = page.getByRole("button", { expanded: false }).filter({ hasText: "checkout_session." });
  await expect(toggles).toHaveCount(25);
  await expect(logEntry(page, ids[26])).toContainText("No matching enabled endpoint");
  await expect(logEntry(page, ids[0])).toHaveCount(0);

  const failOnce = (url: URL) => url.pathname === "/api/v1/events" && url.searchParams.has("cursor");
  await page.route(failOnce, (route) => route.fulfill({ status: 500, json: { error: { code: "internal_error", message: "Something went wrong on our side" } } }));
  await page.getByRole("button", { name: "Load more" }).click();
  const error = page.getByRole("alert").filter({ hasText: "More events could not be loaded" });
  await expect(error).toContainText("Something went wrong on our side");
  await page.unroute(failOnce);
  await error.getByRole("button", { name: "Retry" }).click();
  await expect(error).toBeHidden();
  await expect(toggles).toHaveCount(27);
  await expect(logEntry(page, ids[0])).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});
