// The dashboard inbox and the notification settings as a merchant uses them: the bell's unread count in
// the shell, the Notifications page (Unread/All, Mark as read, Mark all as read, the endpoint link), the
// preferences grid, the operational webhook card (secret once, Send test, Remove) and the banner on a
// paused endpoint. One spec makes a real failure and waits for the engine's notification; the other
// seeds Notification rows straight into the server's database, so the inbox UI is proven on its own.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test, watchCsp } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, listEndpoints, openEndpoint } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { MERCHANT_STATE } from "./support/paths";
import { closedPortUrl, verifyDelivery } from "./support/receiver";

type Seed = { type: string; endpointId?: string | null; data: Record<string, unknown>; minutesAgo: number };

/** Real Notification rows in the e2e server's database (SQLite file or PostgreSQL), as the engine writes them. */
async function seedNotifications(merchant: string, seeds: Seed[]): Promise<void> {
  const url = process.env.E2E_DATABASE_URL ?? "file:./.data/e2e.db";
  const rows = seeds.map((s) => {
    const at = new Date(Date.now() - s.minutesAgo * 60_000);
    return [`ntf_e2e_${randomBytes(8).toString("hex")}`, merchant, s.endpointId ?? null, s.type, JSON.stringify(s.data), at, at, at];
  });
  const insert = `INSERT INTO "Notification" ("id", "merchantId", "endpointId", "type", "data", "createdAt", "updatedAt", "dispatchedAt") VALUES `;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { timeout: 10_000 });
    const stmt = db.prepare(`${insert}(?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const row of rows) stmt.run(...row.map((v) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v)));
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const row of rows) await client.query(`${insert}($1, $2, $3, $4, $5, $6, $7, $8)`, row);
  await client.end();
}

async function markAllRead(request: import("@playwright/test").APIRequestContext) {
  expect((await request.post("/api/v1/notifications/read", { data: { all: true } })).status()).toBe(200);
}

const bell = (page: import("@playwright/test").Page) => page.getByRole("link", { name: /^Notifications, / });

test.beforeEach(async ({ page }) => {
  await deleteAllEndpoints(page.request);
  await markAllRead(page.request);
});

test("the bell counts the unread notices; the Notifications page marks one read, filters, marks all read and links to the endpoint", async ({ page, receiver }) => {
  const server = await receiver(200);
  await page.goto("/webhooks");
  await createWebhook(page, server.url, "Inbox link target");
  const [endpoint] = await listEndpoints(page.request);
  const merchant = await merchantId(page.request);
  await seedNotifications(merchant, [
    { type: "endpoint.paused", endpointId: endpoint.id, data: { endpointId: endpoint.id, url: server.url, state: "paused", lastError: "Connection refused" }, minutesAgo: 30 },
    { type: "endpoint.failing", endpointId: "ep_deleted_long_ago", data: { url: "https://gone.example/hooks", state: "failing", count: 4 }, minutesAgo: 20 },
    { type: "account.api_key_created", data: { actor: "merchant:owner@example.test", keyName: "CI deploys", keyPrefix: "dsk_ab12" }, minutesAgo: 10 },
  ]);

  await page.reload();
  await expect(bell(page)).toHaveAccessibleName("Notifications, 3 unread");
  await bell(page).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const items = page.getByTestId("notification");
  // All: the seeded three among whatever the account was told before (read by beforeEach).
  await expect(items.filter({ hasText: `Paused: ${server.url} is not answering` })).toHaveAttribute("data-unread", "true");

  // Unread: exactly the seeded three, newest first, each with its human sentence.
  await page.getByRole("link", { name: "Unread", exact: true }).click();
  await expect(page).toHaveURL(/filter=unread/);
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('API key "CI deploys" was created');
  await expect(items.nth(1)).toContainText("Failing: https://gone.example/hooks keeps failing");
  await expect(items.nth(2)).toContainText(`Paused: ${server.url} is not answering`);
  await expect(items.nth(2)).toContainText("Last error: Connection refused.");
  for (let i = 0; i < 3; i++) await expect(items.nth(i)).toHaveAttribute("data-unread", "true");
  // Only an endpoint that still exists is linked.
  await expect(items.nth(1).getByRole("link", { name: "Open endpoint" })).toHaveCount(0);
  await expect(items.nth(2).getByRole("link", { name: "Open endpoint" })).toBeVisible();

  await page.getByRole("button", { name: 'Mark as read: API key "CI deploys" was created' }).click();
  await expect(items).toHaveCount(2);
  await expect(bell(page)).toHaveAccessibleName("Notifications, 2 unread");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status")).toContainText("2 notifications marked as read");
  await expect(page.getByRole("heading", { name: "No unread notifications" })).toBeVisible();
  await expect(bell(page)).toHaveAccessibleName("Notifications, none unread");

  // All again: read now, still listed, and the paused one links to its endpoint's page.
  await page.getByRole("link", { name: "All", exact: true }).click();
  const paused = items.filter({ hasText: `Paused: ${server.url} is not answering` });
  await expect(paused).toHaveAttribute("data-unread", "false");
  await expect(items.filter({ hasText: 'API key "CI deploys" was created' })).toHaveAttribute("data-unread", "false");
  await expect(page.locator('[data-testid="notification"][data-unread="true"]')).toHaveCount(0);
  await paused.getByRole("link", { name: "Open endpoint" }).click();
  await expect(page.getByRole("heading", { level: 1, name: server.url })).toBeVisible();
});

test("at 320 px the Notifications page and the Settings grid do not scroll sideways, in both themes", async ({ browser }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 }, colorScheme, storageState: MERCHANT_STATE, reducedMotion: "reduce" });
    const problems = watchCsp(context);
    const page = await context.newPage();
    await seedNotifications(await merchantId(page.request), [
      { type: "delivery.exhausted", endpointId: "ep_narrow", data: { url: "https://a-rather-long-host-name.shop.example/webhooks/dashx/checkout-events", since: new Date().toISOString() }, minutesAgo: 1 },
    ]);
    for (const path of ["/notifications", "/settings#notifications"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${colorScheme} ${path}`).toBeLessThanOrEqual(320);
    }
    await expect(bell(page)).toBeVisible();
    await context.close();
    expect(problems).toEqual([]);
  }
});

test("the bell's count appears after a real failure: an endpoint nobody answers is paused and the merchant is told (needs the engine's notifications)", async ({ page }) => {
  const refused = await closedPortUrl();
  await page.goto("/webhooks");
  await createWebhook(page, refused, "Nobody home");
  const merchant = await merchantId(page.request);
  await expect(bell(page)).toHaveAccessibleName("Notifications, none unread");
  // Three refused attempts open the e2e server's breaker (WEBHOOK_BREAKER_THRESHOLD=3).
  for (let i = 0; i < 3; i++) await publishEvent(page.request, merchant, "checkout_session.expired");
  // No reload: the bell counts again on its own (it polls every 20 s), or on the next navigation.
  await expect(bell(page)).toHaveAccessibleName(/^Notifications, [1-9]\d* unread$/, { timeout: 30_000 });
  await bell(page).click();
  await expect(page.getByTestId("notification").filter({ hasText: `Paused: ${refused} is not answering` })).toBeVisible();
});

test("the preferences grid saves, survives a reload, and keeps security email locked on", async ({ page }) => {
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Notifications" });
  const pausedEmail = section.getByRole("checkbox", { name: "Email: Endpoint paused" });
  const exhaustedHook = section.getByRole("checkbox", { name: "Operational webhook: Deliveries gave up" });
  const passwordEmail = section.getByRole("checkbox", { name: "Email: Password changed" });
  await expect(pausedEmail).toBeChecked();
  await expect(passwordEmail).toBeChecked();
  await expect(passwordEmail).toBeDisabled();
  await expect(section.getByText("Security notices are always emailed").first()).toBeVisible();
  await expect(section.getByRole("checkbox", { name: "Operational webhook: Password changed" })).toHaveCount(0);

  await pausedEmail.uncheck();
  await exhaustedHook.uncheck();
  await section.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByRole("status")).toContainText("Notification settings saved");
  await page.reload();
  await expect(pausedEmail).not.toBeChecked();
  await expect(exhaustedHook).not.toBeChecked();
  await expect(section.getByRole("checkbox", { name: "Email: Endpoint failing" })).toBeChecked();
  const saved = (await (await page.request.get("/api/v1/notification-settings")).json()) as { email: Record<string, boolean>; webhook: Record<string, boolean> };
  expect(saved.email["endpoint.paused"]).toBe(false);
  expect(saved.webhook["delivery.exhausted"]).toBe(false);

  // Back to the defaults for the other specs.
  await pausedEmail.check();
  await exhaustedHook.check();
  await section.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Notification settings saved" }).first()).toBeVisible();
  await expect.poll(async () => ((await (await page.request.get("/api/v1/notification-settings")).json()) as { email: Record<string, boolean> }).email["endpoint.paused"]).toBe(true);
});

test("the operational webhook card shows its secret once, sends a signed test notification and removes it", async ({ page, receiver }) => {
  await page.request.delete("/api/v1/operational-webhook");
  const server = await receiver(200);
  await page.goto("/settings#operational-webhook");
  const card = page.locator("#operational-webhook");
  await card.getByLabel("Operational webhook URL").fill(server.url);
  await card.getByRole("checkbox", { name: /Endpoint recovered/ }).uncheck();
  await card.getByRole("button", { name: "Add operational webhook" }).click();

  const dialog = page.getByRole("dialog", { name: "Operational webhook secret" });
  const secretInput = dialog.getByRole("textbox");
  await expect(secretInput).toHaveValue(/^whsec_/);
  const secret = await secretInput.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await dialog.getByRole("button", { name: "Close anyway" }).click();
  await expect(dialog).toBeHidden();
  const saved = (await (await page.request.get("/api/v1/operational-webhook")).json()) as { url: string; eventTypes: string[] };
  expect(saved.url).toBe(server.url);
  expect(saved.eventTypes).not.toContain("endpoint.recovered");
  expect(saved.eventTypes).toHaveLength(5);
  // It is not one of the merchant's webhooks.
  expect(await listEndpoints(page.request)).toEqual([]);

  // A later save shows no secret.
  await card.getByRole("button", { name: "Save operational webhook" }).click();
  await expect(page.getByRole("status")).toContainText("Operational webhook saved");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(card.getByLabel("Operational webhook URL")).toHaveValue(server.url);
  await expect(card.getByRole("checkbox", { name: /Endpoint recovered/ })).not.toBeChecked();

  await card.getByRole("button", { name: "Send test notification" }).click();
  await expect(page.getByRole("status")).toContainText("Test notification delivered");
  await expect.poll(() => server.received.length).toBe(1);
  const payload = verifyDelivery(secret, server.received[0]) as { type: string; timestamp: string; data: { url: string } };
  expect(payload.type).toBe("endpoint.failing");
  expect(payload.data.url).toEqual(expect.any(String));

  await card.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog", { name: "Remove the operational webhook?" }).getByRole("button", { name: "Remove operational webhook" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Operational webhook removed" })).toBeVisible();
  await expect(card.getByRole("button", { name: "Add operational webhook" })).toBeVisible();
  expect((await page.request.get("/api/v1/operational-webhook")).status()).toBe(404);
});

test("a paused endpoint's page says what is wrong, since when, and what to do", async ({ page }) => {
  const refused = await closedPortUrl();
  await page.goto("/webhooks");
  await createWebhook(page, refused, "Paused banner");
  const merchant = await merchantId(page.request);
  for (let i = 0; i < 3; i++) await publishEvent(page.request, merchant, "checkout_session.expired");
  const [endpoint] = await listEndpoints(page.request);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/webhooks/${endpoint.id}`)).json()) as { health: { state: string } }).health.state, { timeout: 15_000 })
    .toBe("paused");
  await openEndpoint(page, refused);
  const banner = page.getByRole("note", { name: "Endpoint failing" });
  await expect(banner).toContainText(/Failing: paused until \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/);
  await expect(banner).toContainText(/Failing since \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/);
  await expect(banner).toContainText("Send Test Event");
});
