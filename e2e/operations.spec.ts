// Issue 11 through the dashboard: custom headers in Create/Edit, the Signature verification card, the
// Recover failed deliveries dialog, the delivery health chart (screenshots in both themes kept under
// test-results/) and the retention period in Settings.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, endpointRow, listEndpoints, openEndpoint } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { startVerifyingReceiver, verifyDelivery } from "./support/receiver";
import { startReceiver as startSharedReceiver } from "../tests/support/receiver";

test.beforeEach(async ({ page }) => {
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
});

async function endpointId(request: APIRequestContext, url: string): Promise<string> {
  const found = (await listEndpoints(request)).find((e) => e.url === url);
  expect(found).toBeTruthy();
  return found!.id;
}

async function waitForStatus(request: APIRequestContext, id: string, status: string, count: number) {
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/webhooks/${id}/deliveries?status=${status}`)).json()).data as unknown[]).length, { timeout: 30_000 })
    .toBe(count);
}

const healthSection = (page: Page) => page.getByRole("region", { name: "Delivery health" });

test("custom headers: added in Create, masked after saving, kept and extended in Edit, sent with every request", async ({ page, receiver }) => {
  const server = await receiver();
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const form = page.getByRole("dialog", { name: "Create Webhook" });
  await form.getByLabel("Endpoint URL").fill(server.url);
  await form.getByLabel("Description").fill("Behind a gateway");
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header 1 name").fill("webhook-id");
  await form.getByLabel("Header 1 value").fill("nope");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByText("webhook-id is set by DashX and cannot be overridden")).toBeVisible();
  await form.getByLabel("Header 1 name").fill("X-Api-Key");
  await form.getByLabel("Header 1 value").fill("gw_e2e_secret_value_42");
  await form.getByRole("button", { name: "Create" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Webhook Secret Key" });
  const secret = await secretDialog.getByRole("textbox").inputValue();
  await secretDialog.getByRole("button", { name: "Done" }).click();
  // Not copied: the dialog asks once before the secret is gone.
  await secretDialog.getByRole("button", { name: "Close anyway" }).click();

  await openEndpoint(page, server.url);
  const card = page.getByRole("list", { name: "Custom headers" });
  await expect(card).toContainText("X-Api-Key:");
  await expect(card).toContainText("••••••");
  expect(await page.content()).not.toContain("gw_e2e_secret_value_42");

  await page.getByRole("button", { name: "Send Test Event" }).click();
  await expect(page.getByRole("status")).toContainText("Test event delivered");
  expect(server.received[0].headers["x-api-key"]).toBe("gw_e2e_secret_value_42");
  verifyDelivery(secret, server.received[0]);

  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Webhook" });
  await expect(edit.getByLabel("Header 1 name")).toHaveValue("X-Api-Key");
  await expect(edit.getByLabel("Header 1 value")).toHaveValue(""); // never sent back to the browser
  await expect(edit.getByLabel("Header 1 value")).toHaveAttribute("placeholder", /Saved \(hidden\)/);
  await edit.getByRole("button", { name: "Add header" }).click();
  await edit.getByLabel("Header 2 name").fill("X-Tenant");
  await edit.getByLabel("Header 2 value").fill("acme");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("list", { name: "Custom headers" })).toContainText("X-Tenant:");

  await page.getByRole("button", { name: "Send Test Event" }).click();
  await expect.poll(() => server.received.length).toBe(2);
  expect(server.received[1].headers["x-api-key"]).toBe("gw_e2e_secret_value_42");
  expect(server.received[1].headers["x-tenant"]).toBe("acme");
  verifyDelivery(secret, server.received[1]);

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("dialog", { name: "Edit Webhook" }).getByRole("button", { name: "Remove header 1" }).click();
  await page.getByRole("dialog", { name: "Edit Webhook" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("list", { name: "Custom headers" })).not.toContainText("X-Api-Key");
  await expect(page.getByRole("list", { name: "Custom headers" })).toContainText("X-Tenant:");
});

test("Signature verification: Not checked, then Accepts forged requests (naive receiver, badge in the list), then Verified", async ({ page, receiver }) => {
  const naive = await receiver(200); // like the seed's Express example: 200 to anything
  await createWebhook(page, naive.url, "Naive");
  await openEndpoint(page, naive.url);
  const card = page.getByRole("heading", { name: "Signature verification" }).locator("xpath=../..");
  await expect(card).toContainText("Not checked");
  await expect(card.getByRole("link", { name: "How to verify signatures" })).toHaveAttribute("href", /verify-the-signature/);

  await card.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("status")).toContainText("Your endpoint accepted a forged request");
  await expect(card).toContainText("Accepts forged requests");
  await expect(card).toContainText("Verify webhook-signature on the raw body");
  await expect(card).toContainText(/Last checked \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/); // the one time format (lib/format-time.ts)
  expect(JSON.parse(naive.received[0].body).type).toBe("webhook.signature_probe");

  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(endpointRow(page, naive.url)).toContainText("Accepts forged requests");

  const strict = await startVerifyingReceiver();
  try {
    const id = await endpointId(page.request, naive.url);
    const secret = await (async () => {
      const rotated = await page.request.post(`/api/v1/webhooks/${id}/secret/rotate`);
      return ((await rotated.json()) as { secret: string }).secret;
    })();
    strict.setSecret(secret);
    expect((await page.request.patch(`/api/v1/webhooks/${id}`, { data: { url: strict.url } })).status()).toBe(200);
    await openEndpoint(page, strict.url);
    await card.getByRole("button", { name: "Check now" }).click();
    await expect(page.getByRole("status")).toContainText("Signature verification works");
    await expect(card).toContainText("Verified");
    await expect(card).not.toContainText("Accepts forged requests");
    await page.getByRole("link", { name: "Webhooks", exact: true }).click();
    await expect(endpointRow(page, strict.url)).not.toContainText("Accepts forged requests");
  } finally {
    await strict.close();
  }
});

test("Recover failed deliveries: presets and a custom time count first, then Recover sends them again with progress", async ({ page, receiver }) => {
  const down = await receiver(500);
  const up = await receiver(200);
  await createWebhook(page, down.url, "Outage");
  const id = await endpointId(page.request, down.url);
  const merchant = await merchantId(page.request);
  const events = [await publishEvent(page.request, merchant), await publishEvent(page.request, merchant)];
  await waitForStatus(page.request, id, "failed", 2); // 3 attempts each on the e2e schedule (1 s, 8 s)
  // The receiver is back (here: at a new address).
  expect((await page.request.patch(`/api/v1/webhooks/${id}`, { data: { url: up.url } })).status()).toBe(200);

  await openEndpoint(page, up.url);
  await page.getByRole("button", { name: "Recover failed deliveries" }).click();
  const dialog = page.getByRole("dialog", { name: "Recover failed deliveries" });
  await expect(dialog.getByRole("radio", { name: "Last 24 hours" })).toBeChecked();
  await expect(dialog.getByRole("status")).toHaveText("2 failed deliveries will be sent again");
  await dialog.getByRole("radio", { name: "Last hour" }).check();
  await expect(dialog.getByRole("status")).toHaveText("2 failed deliveries will be sent again");
  await dialog.getByRole("radio", { name: "Custom time" }).check();
  const pad = (n: number) => String(n).padStart(2, "0");
  const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  await dialog.getByLabel("Since").fill(local(new Date(Date.now() + 3_600_000)));
  await expect(dialog.getByRole("status")).toHaveText("The time must not be in the future");
  await expect(dialog.getByRole("button", { name: "Recover" })).toBeDisabled();
  await dialog.getByLabel("Since").fill(local(new Date(Date.now() + 60_000)));
  await expect(dialog.getByRole("status")).toHaveText(/No failed deliveries since then/);
  await dialog.getByRole("radio", { name: "Last 7 days" }).check();
  await expect(dialog.getByRole("status")).toHaveText("2 failed deliveries will be sent again");
  await expect.poll(() => up.received.length).toBe(0); // counting sent nothing

  await dialog.getByRole("button", { name: "Recover" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Done: 2 sent, 0 failed again.", { timeout: 20_000 });
  await expect(dialog.getByRole("progressbar", { name: "Recovery progress" })).toBeVisible();
  expect(new Set(up.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set(events.map((e) => e.id)));
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await waitForStatus(page.request, id, "succeeded", 2);
  await expect(page.getByRole("list", { name: "Audit log entries" })).toContainText("Failed deliveries recovered");
  await expect(page.getByRole("list", { name: "Audit log entries" })).toContainText(/2 sent again \(failed since \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC\)/);
});

test("Retry now: deliveries waiting on a retry are sent at once, and the progress ends '1 sent, 1 failed again'", async ({ page }) => {
  // A receiver that asks for an hour's pause (503 + Retry-After): both deliveries wait on their retry.
  const server = await startSharedReceiver();
  try {
    server.respondWith({ kind: "status", status: 503, headers: { "retry-after": "3600" } });
    const url = server.url("/hooks/busy");
    await createWebhook(page, url, "Busy");
    const id = await endpointId(page.request, url);
    const merchant = await merchantId(page.request);
    const [accepted, refused] = [await publishEvent(page.request, merchant), await publishEvent(page.request, merchant)];
    await waitForStatus(page.request, id, "retrying", 2);
    // Back, except for one event it still refuses.
    server.respondWith({ kind: "custom", handle: (r, res) => void res.writeHead(r.headers["webhook-id"] === refused.id ? 500 : 200).end() });

    await openEndpoint(page, url);
    await page.getByRole("button", { name: "Recover failed deliveries" }).click();
    const dialog = page.getByRole("dialog", { name: "Recover failed deliveries" });
    await expect(dialog.getByRole("status")).toHaveText(/No failed deliveries since then/);
    await expect(dialog.getByTestId("waiting-count")).toHaveText("2 deliveries since then are waiting on a retry.");
    await dialog.getByRole("button", { name: "Retry now" }).click();
    await expect(dialog).toContainText("2 deliveries moved forward");
    await expect(dialog.getByRole("status")).toHaveText("Done: 1 sent, 1 failed again.", { timeout: 20_000 });
    expect(server.requests.filter((r) => r.headers["webhook-id"] === accepted.id)).toHaveLength(2);
    await dialog.getByRole("button", { name: "Done" }).click();
    await waitForStatus(page.request, id, "succeeded", 1);
    await expect(page.getByRole("list", { name: "Audit log entries" })).toContainText("Retries sent now");
  } finally {
    await server.close();
  }
});

test("Delivery health: stacked bars with success rate and latency, a text alternative, both themes (screenshots kept)", async ({ page, receiver }, testInfo) => {
  const failing = await receiver(500);
  const ok = await receiver(200);
  await createWebhook(page, failing.url, "Health");
  const id = await endpointId(page.request, failing.url);
  const merchant = await merchantId(page.request);
  await publishEvent(page.request, merchant);
  await expect.poll(() => failing.received.length).toBe(1);
  expect((await page.request.patch(`/api/v1/webhooks/${id}`, { data: { url: ok.url } })).status()).toBe(200);
  for (let i = 0; i < 3; i++) await publishEvent(page.request, merchant);
  await waitForStatus(page.request, id, "succeeded", 4); // the failed one succeeds on its retry

  const stats = (await (await page.request.get(`/api/v1/webhooks/${id}/stats?window=24h`)).json()) as {
    successRate: number;
    p95Ms: number;
    buckets: Array<{ start: string; succeeded: number; failed: number }>;
  };
  expect(stats.successRate).toBe(0.8);
  await openEndpoint(page, ok.url);
  const health = healthSection(page);
  await expect(health.getByTestId("attempts-chart")).toBeVisible();
  await expect(health.getByText("Success rate", { exact: true })).toBeVisible();
  await expect(health).toContainText("80%");
  await expect(health).toContainText("p95 latency");
  await expect(health).toContainText(`${stats.p95Ms} ms`);
  const table = health.getByRole("table", { name: "Attempts per hour" });
  await expect(table.getByRole("row")).toHaveCount(25);
  const last = stats.buckets[stats.buckets.length - 1];
  const lastRow = table.getByRole("row").last();
  await expect(lastRow.getByRole("rowheader")).toHaveText(`${last.start.slice(11, 13)}:00`);
  await expect(lastRow.getByRole("cell").nth(0)).toHaveText(String(last.succeeded));
  await expect(lastRow.getByRole("cell").nth(1)).toHaveText(String(last.failed));
  await health.screenshot({ path: testInfo.outputPath("delivery-health-light.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(health.getByTestId("attempts-chart")).toBeVisible();
  await health.screenshot({ path: testInfo.outputPath("delivery-health-dark.png") });
  await page.emulateMedia({ colorScheme: "light" });

  await health.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/window=7d/);
  await expect(health.getByRole("table", { name: "Attempts per day" }).getByRole("row")).toHaveCount(8);
  // Day labels in the dashboard's one time format's order: "7 Dec", not "Dec 7".
  await expect(health.getByRole("table", { name: "Attempts per day" }).getByRole("rowheader").last()).toHaveText(/^\d{1,2} [A-Z][a-z]{2}$/);
  await health.screenshot({ path: testInfo.outputPath("delivery-health-7d-light.png") });

  // The list keeps its success-rate column and gains p95.
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page.getByRole("columnheader", { name: /p95/ })).toBeVisible();
  await expect(endpointRow(page, ok.url)).toContainText(`${stats.p95Ms} ms`);
});

test("Settings shows the retention period, in words a merchant reads (no environment variable)", async ({ page }) => {
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Data retention" });
  await expect(section).toContainText("kept for 30 days");
  await expect(section).toContainText("never removed");
  await expect(section).not.toContainText("WEBHOOK_RETENTION");
  expect(await page.getByRole("main").innerText()).not.toMatch(/\b[A-Z]{2,}_[A-Z_]{3,}\b/);
});
