// The endpoint page: settings, event filter, disable/enable, secret rotation, audit log, delete, 404.
import { expect, test } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, endpointRow, listEndpoints, openEndpoint, signUp, uniqueEmail } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { verifyDelivery } from "./support/receiver";

test.beforeEach(async ({ page }) => {
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
});

const auditLog = (page: import("@playwright/test").Page) => page.getByRole("list", { name: "Audit log entries" });

test("Disable asks first and shows why; a disabled endpoint gets nothing; Enable is one click", async ({ page, receiver }) => {
  const server = await receiver();
  await createWebhook(page, server.url, "Toggle me");
  await openEndpoint(page, server.url);
  const merchant = await merchantId(page.request);
  await expect(page.getByRole("main").getByText("Enabled", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Disable" }).click();
  const confirm = page.getByRole("dialog", { name: "Disable webhook?" });
  await expect(confirm).toContainText(server.url);
  await confirm.getByRole("button", { name: "Disable" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Webhook disabled");
  const banner = page.getByRole("note", { name: "Endpoint disabled" });
  await expect(banner).toContainText("This endpoint is disabled");
  await expect(banner).toContainText("Disabled by you");
  await expect(page.getByRole("button", { name: "Disable" })).toHaveCount(0);

  expect((await publishEvent(page.request, merchant)).deliveries).toBe(0);

  await banner.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("status")).toContainText("Webhook enabled");
  await expect(banner).toBeHidden();
  await expect(page.getByRole("button", { name: "Disable" })).toBeVisible();
  const event = await publishEvent(page.request, merchant);
  expect(event.deliveries).toBe(1);
  await expect.poll(() => server.received.length).toBe(1);

  const audit = auditLog(page);
  await expect(audit.getByRole("listitem").nth(0)).toContainText("Enabled");
  await expect(audit.getByRole("listitem").nth(1)).toContainText("Disabled");
  await expect(audit.getByRole("listitem").nth(1)).toContainText(/@example\.test/);
  await expect(audit.getByRole("listitem").last()).toContainText("Endpoint created");

  // The list shows the disabled reason too.
  await page.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("dialog", { name: "Disable webhook?" }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("note", { name: "Endpoint disabled" })).toBeVisible();
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(endpointRow(page, server.url)).toContainText("Disabled by you");
});

test("Rotate secret confirms, shows the new secret once, then deliveries carry both signatures", async ({ page, receiver }, testInfo) => {
  const server = await receiver();
  const oldSecret = await createWebhook(page, server.url, "Rotating");
  await openEndpoint(page, server.url);

  const rotate = page.getByRole("button", { name: "Rotate secret" });
  await rotate.click();
  const confirm = page.getByRole("dialog", { name: "Rotate signing secret?" });
  await expect(confirm).toContainText("For the next 24 hours, every delivery carries two signatures");
  await page.screenshot({ path: testInfo.outputPath("rotate-confirm.png") });
  await confirm.getByRole("button", { name: "Rotate secret" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Webhook Secret Key" });
  await expect(secretDialog).toContainText("The previous secret keeps signing for 24 hours");
  await expect(secretDialog).toContainText("shown only once");
  const newSecret = await secretDialog.getByRole("textbox").inputValue();
  expect(newSecret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
  expect(newSecret).not.toBe(oldSecret);
  await secretDialog.getByRole("button", { name: "Copy" }).click();
  await expect(secretDialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(newSecret);
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(secretDialog).toBeHidden();
  await expect(rotate).toBeFocused();
  await expect(page.getByText("Rotation in progress")).toBeVisible();
  expect(await page.content()).not.toContain(newSecret);

  await page.getByRole("button", { name: "Send Test Event" }).click();
  await expect(page.getByRole("status")).toContainText("Test event delivered");
  expect(server.received).toHaveLength(1);
  const signatures = String(server.received[0].headers["webhook-signature"]).split(" ");
  expect(signatures).toHaveLength(2);
  expect(signatures.every((s) => s.startsWith("v1,"))).toBe(true);
  // Either secret alone verifies (standardwebhooks accepts any matching signature).
  verifyDelivery(newSecret, server.received[0]);
  verifyDelivery(oldSecret, server.received[0]);
  expect(() => verifyDelivery("whsec_" + Buffer.from("some-other-secret-key-0123").toString("base64"), server.received[0])).toThrow();

  const rotation = auditLog(page).getByRole("listitem").filter({ hasText: "Signing secret rotated" });
  await expect(rotation).toContainText("The previous secret signs until");
  await expect(auditLog(page)).toContainText("Test event sent");
  // The audit log never shows a secret.
  await page.reload();
  const html = await page.content();
  expect(html).not.toContain(newSecret);
  expect(html).not.toContain(oldSecret);
});

test("the event filter saves a subset (or all events), and only matching events are delivered", async ({ page, receiver }) => {
  const server = await receiver();
  await createWebhook(page, server.url, "Completed only");
  await openEndpoint(page, server.url);
  const merchant = await merchantId(page.request);

  await expect(page.getByRole("radio", { name: /All events/ })).toBeChecked();
  await page.getByRole("radio", { name: "Only selected events" }).check();
  await page.getByRole("checkbox", { name: "checkout_session.expired" }).uncheck();
  await page.getByRole("checkbox", { name: "checkout_session.canceled" }).uncheck();
  await page.getByRole("checkbox", { name: "checkout_session.completed" }).uncheck();
  await page.getByRole("button", { name: "Save event filter" }).click();
  await expect(page.getByText("Choose at least one event, or send all events")).toBeVisible();

  await page.getByRole("checkbox", { name: "checkout_session.completed" }).check();
  await page.getByRole("button", { name: "Save event filter" }).click();
  await expect(page.getByRole("status")).toContainText("Event filter saved");
  const [saved] = (await (await page.request.get("/api/v1/webhooks")).json()).data as Array<{ eventTypes: string[] }>;
  expect(saved.eventTypes).toEqual(["checkout_session.completed"]);
  expect((await publishEvent(page.request, merchant, "checkout_session.expired")).deliveries).toBe(0);
  expect((await publishEvent(page.request, merchant, "checkout_session.completed")).deliveries).toBe(1);

  await page.reload();
  await expect(page.getByRole("radio", { name: "Only selected events" })).toBeChecked();
  await page.getByRole("radio", { name: /All events/ }).check();
  await page.getByRole("button", { name: "Save event filter" }).click();
  await expect(page.getByRole("status")).toContainText("Event filter saved");
  await expect.poll(async () => ((await (await page.request.get("/api/v1/webhooks")).json()).data as Array<{ eventTypes: string[] }>)[0].eventTypes).toEqual([]);
  await expect(auditLog(page).getByRole("listitem").first()).toContainText("events → all events");
});

test("Edit from the endpoint page updates its settings; Delete returns to the list", async ({ page, receiver }) => {
  const server = await receiver();
  await createWebhook(page, server.url, "Before");
  await openEndpoint(page, server.url);

  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Webhook" });
  await dialog.getByLabel("Description").fill("After");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("main").getByText("After", { exact: true })).toBeVisible();
  await expect(auditLog(page).getByRole("listitem").first()).toContainText("description → “After”");

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete webhook?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("status")).toContainText("Webhook deleted");
  expect(await listEndpoints(page.request)).toHaveLength(0);
});

test("ids that are not this merchant's endpoints get the 404 page", async ({ page, browser }) => {
  const missing = await page.goto("/webhooks/does-not-exist");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Webhook endpoint not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to your webhooks" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const pageB = await other.newPage();
    await signUp(pageB, "Other Merchant", uniqueEmail("detail-b"));
    const res = await pageB.request.post("/api/v1/webhooks", { data: { url: "https://merchant-b.example.com/hooks" } });
    const { id } = (await res.json()) as { id: string };
    await pageB.goto(`/webhooks/${id}`);
    await expect(pageB.getByRole("heading", { level: 1, name: "https://merchant-b.example.com/hooks" })).toBeVisible();

    const response = await page.goto(`/webhooks/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Webhook endpoint not found" })).toBeVisible();
    await expect(page.getByText("merchant-b.example.com")).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test("the same toast twice merges into one with a count instead of stacking", async ({ page, receiver }) => {
  const server = await receiver();
  await createWebhook(page, server.url, "Toast twice");
  await openEndpoint(page, server.url);
  const save = page.getByRole("button", { name: "Save event filter" });
  await save.click();
  const toasts = page.getByRole("status", { name: "Notifications" });
  await expect(toasts.getByText("Event filter saved")).toHaveCount(1);
  await expect(save).toBeEnabled();
  await save.click();
  await expect(toasts).toContainText("×2");
  await expect(toasts.getByText("Event filter saved")).toHaveCount(1);
});
