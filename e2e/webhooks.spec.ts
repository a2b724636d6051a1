import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, endpointRow, listEndpoints, openEndpoint } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { closedPortUrl, verifyDelivery } from "./support/receiver";

test.beforeEach(async ({ page }) => {
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
});

test("the sidebar's Webhook link opens the list, which teaches when empty", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation");
  await expect(nav.getByText("DashX")).toBeVisible();
  await expect(nav.getByRole("button", { name: "Log out" })).toBeVisible();
  await nav.getByRole("link", { name: "Webhook" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(nav.getByRole("link", { name: "Webhook" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Webhook", exact: true, level: 1 })).toBeVisible();
  await expect(page.getByText("Webhooks let DashX notify your server when a checkout session completes, expires or is canceled")).toBeVisible();
  await expect(page.getByText("0 of 5 endpoints used")).toBeVisible();
});

test("Create Webhook validates inline, is a real dialog, and creates nothing on error", async ({ page }) => {
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Endpoint URL")).toBeFocused();

  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Enter an endpoint URL")).toBeVisible();

  await dialog.getByLabel("Endpoint URL").fill("not a url");
  await dialog.getByLabel("Description").fill("x".repeat(501));
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Enter a full URL such as https://example.com/webhooks")).toBeVisible();
  await expect(dialog.getByText("The description is at most 500 characters")).toBeVisible();
  await expect(dialog.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Endpoint URL").fill("ftp://example.com/hooks");
  await dialog.getByLabel("Description").fill("");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("The URL must start with https:// or http://")).toBeVisible();

  // Focus stays inside the dialog, and Escape closes it.
  for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Create Webhook" })).toBeFocused();

  await page.getByRole("button", { name: "Create Webhook" }).click();
  await page.getByRole("dialog", { name: "Create Webhook" }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  expect(await listEndpoints(page.request)).toHaveLength(0);
});

test("errors the server finds (422 fields) are shown inline on the field", async ({ page }) => {
  // The SSRF guard answers like this for private addresses; the e2e server allows loopback, so stub it.
  const message = "This URL points to a private or reserved network address; use a public address";
  await page.route("**/api/v1/webhooks", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 422, json: { error: { code: "validation_failed", message: "Some fields are invalid", fields: { url: message } } } })
      : route.fallback(),
  );
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Endpoint URL").fill("http://10.0.0.8/hooks");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText(message)).toBeVisible();
  await expect(dialog.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("dialog", { name: "Webhook Secret Key" })).toHaveCount(0);
});

test("create shows the secret once; Send Test Event reaches a real receiver that verifies the signature", async ({ page, receiver }) => {
  const server = await receiver(200);
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const form = page.getByRole("dialog", { name: "Create Webhook" });
  await form.getByLabel("Endpoint URL").fill(server.url);
  await form.getByLabel("Description").fill("Order fulfilment");
  await form.getByRole("button", { name: "Create" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Webhook Secret Key" });
  await expect(secretDialog).toBeVisible();
  await expect(secretDialog).toContainText("shown only once");
  await expect(secretDialog).toContainText("never be shown again");
  const secretInput = secretDialog.getByRole("textbox");
  await expect(secretInput).toHaveAttribute("readonly", "");
  const secret = await secretInput.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
  await secretDialog.getByRole("button", { name: "Copy" }).click();
  await expect(secretDialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(secretDialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Create Webhook" })).toBeFocused();

  const row = endpointRow(page, server.url);
  await expect(row).toBeVisible();
  await expect(row).toContainText("Order fulfilment");
  await expect(row).toContainText("Enabled");
  await expect(row).toContainText(/just now|minute/);
  await expect(page.getByText("1 of 5 endpoints used")).toBeVisible();

  // The secret is never rendered again: not in the DOM, the server HTML, or the API.
  await page.reload();
  await expect(endpointRow(page, server.url)).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  expect(await (await page.request.get("/webhooks")).text()).not.toContain(secret);
  expect(await (await page.request.get("/api/v1/webhooks")).text()).not.toContain(secret);

  const freshRow = endpointRow(page, server.url);
  await freshRow.hover();
  await freshRow.getByRole("button", { name: "Send Test Event" }).click();
  await expect(freshRow).toContainText(/Delivered · 200 · \d+ ms/);
  await expect(page.getByRole("status")).toContainText("Test event delivered");

  expect(server.received).toHaveLength(1);
  const delivery = server.received[0];
  const payload = verifyDelivery(secret, delivery) as { type: string; object: string; data: { object: { amountTotal: string } } };
  expect(payload.type).toBe("checkout_session.completed");
  expect(payload.object).toBe("checkoutSession");
  expect(payload.data.object.amountTotal).toBe("25.00");
  expect(delivery.headers["content-type"]).toContain("application/json");
  expect(delivery.headers["user-agent"]).toContain("DashX");
  expect(() => verifyDelivery("whsec_" + Buffer.from("not-the-secret-key-0123456").toString("base64"), delivery)).toThrow();
});

test("a failing receiver shows Failed with the reason, in the row and as a toast", async ({ page, receiver }, testInfo) => {
  const failing = await receiver(500);
  const secret = await createWebhook(page, failing.url, "Flaky service");
  const row = endpointRow(page, failing.url);
  await row.hover();
  await row.getByLabel("Test event type").selectOption("checkout_session.expired");
  await row.getByRole("button", { name: "Send Test Event" }).click();
  await expect(row).toContainText(/Failed · 500 · \d+ ms — The endpoint answered HTTP 500/);
  const toasts = page.getByRole("status");
  await expect(toasts).toContainText("Test event failed");
  await expect(toasts).toContainText("The endpoint answered HTTP 500");
  await page.screenshot({ path: testInfo.outputPath("test-event-failed.png") });

  const payload = verifyDelivery(secret, failing.received[0]) as { type: string; data: unknown };
  expect(payload.type).toBe("checkout_session.expired");
  expect(payload.data).toBeNull();

  // The toast can be dismissed.
  await toasts.getByRole("button", { name: "Dismiss notification" }).first().click();
  await expect(toasts).not.toContainText("Test event failed");

  const refusedUrl = await closedPortUrl();
  await createWebhook(page, refusedUrl, "Nothing listening");
  const refusedRow = endpointRow(page, refusedUrl);
  await refusedRow.hover();
  await refusedRow.getByRole("button", { name: "Send Test Event" }).click();
  await expect(refusedRow).toContainText(/Failed · \d+ ms — Connection refused/);
});

test("row actions are revealed on hover and on keyboard focus", async ({ page, receiver }) => {
  const server = await receiver(200);
  await createWebhook(page, server.url, "Reveal me");
  const row = endpointRow(page, server.url);
  // The actions' container fades in; the buttons stay in the tab order all along.
  const actions = row.locator("[data-row-actions]");
  expect(await page.evaluate(() => matchMedia("(hover: hover)").matches)).toBe(true);
  await page.mouse.move(0, 0);
  await expect(actions).toHaveCSS("opacity", "0");
  await row.hover();
  await expect(actions).toHaveCSS("opacity", "1");
  await page.mouse.move(0, 0);
  await expect(actions).toHaveCSS("opacity", "0");
  await row.getByLabel("Test event type").focus();
  await expect(actions).toHaveCSS("opacity", "1");

  // Keyboard only: Tab to Edit, open it with Enter, close with Escape, focus comes back.
  await page.keyboard.press("Tab");
  await expect(row.getByRole("button", { name: "Send Test Event" })).toBeFocused();
  await page.keyboard.press("Tab");
  const edit = row.getByRole("button", { name: "Edit" });
  await expect(edit).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Edit Webhook" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(edit).toBeFocused();
});

test("Edit Webhook changes the URL, description, event filter and status", async ({ page, receiver }) => {
  const before = await receiver(200);
  const after = await receiver(200);
  await createWebhook(page, before.url, "Before edit");
  const row = endpointRow(page, before.url);
  await row.hover();
  await row.getByRole("button", { name: "Edit" }).click();

  const dialog = page.getByRole("dialog", { name: "Edit Webhook" });
  await expect(dialog.getByLabel("Endpoint URL")).toHaveValue(before.url);
  await expect(dialog.getByLabel("Description")).toHaveValue("Before edit");
  await dialog.getByLabel("Endpoint URL").fill("example.com/no-scheme");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Enter a full URL such as https://example.com/webhooks")).toBeVisible();

  await dialog.getByLabel("Endpoint URL").fill(after.url);
  await dialog.getByLabel("Description").fill("After edit");
  await dialog.getByLabel("checkout_session.canceled").uncheck();
  await dialog.getByLabel("Enabled").uncheck();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Webhook updated");

  const edited = endpointRow(page, after.url);
  await expect(edited).toContainText("After edit");
  await expect(edited).toContainText("Disabled");
  await expect(edited).toContainText("Disabled by you");
  await expect(edited.getByRole("cell").nth(2)).toHaveText("completedexpired");
  await expect(endpointRow(page, before.url)).toHaveCount(0);
  const endpoints = await listEndpoints(page.request);
  expect(endpoints.map((e) => e.url)).toEqual([after.url]);
  const saved = (await (await page.request.get("/api/v1/webhooks")).json()) as { data: Array<{ status: string; eventTypes: string[] }> };
  expect(saved.data[0]).toMatchObject({ status: "disabled", eventTypes: ["checkout_session.completed", "checkout_session.expired"] });
});

test("Delete asks for confirmation naming the URL, then removes the endpoint", async ({ page, receiver }) => {
  const server = await receiver(200);
  await createWebhook(page, server.url, "Short-lived");
  const row = endpointRow(page, server.url);
  await row.hover();
  await row.getByRole("button", { name: "Delete" }).click();

  const confirm = page.getByRole("dialog", { name: "Delete webhook?" });
  await expect(confirm).toContainText(server.url);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect(await listEndpoints(page.request)).toHaveLength(1);

  await row.hover();
  await row.getByRole("button", { name: "Delete" }).click();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(endpointRow(page, server.url)).toHaveCount(0);
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
  expect(await listEndpoints(page.request)).toHaveLength(0);
});

test("an endpoint answering 500 to every event shows Failing and 0% on the list and its page", async ({ page, receiver }) => {
  const failing = await receiver(500);
  await createWebhook(page, failing.url, "Answers 500");
  const merchant = await merchantId(page.request);
  // Four real events, each one failed attempt: HTTP errors the breaker does not pause on.
  for (let i = 0; i < 4; i++) await publishEvent(page.request, merchant, "checkout_session.expired");
  await expect.poll(() => failing.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  await expect(async () => {
    await page.reload();
    await expect(endpointRow(page, failing.url).getByText("Failing", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const row = endpointRow(page, failing.url);
  await expect(row).toContainText("Failing: every recent attempt failed, last error: The endpoint answered HTTP 500");
  await expect(row).toContainText("0%");
  await openEndpoint(page, failing.url);
  await expect(page.getByRole("note", { name: "Endpoint failing" })).toContainText("every recent attempt failed");
  await expect(page.getByText("Success rate (24 h)").locator("..")).toContainText("0%");
});

test("at 1440 px the status pills stay on one line and the status column has room", async ({ page, receiver }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const failing = await receiver(500);
  await createWebhook(page, failing.url, "Failing and forgeable");
  const merchant = await merchantId(page.request);
  for (let i = 0; i < 4; i++) await publishEvent(page.request, merchant, "checkout_session.expired");
  await expect.poll(() => failing.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  // And one that answers 2xx to a wrongly signed request, for the "Accepts forged requests" pill.
  const [endpoint] = (await listEndpoints(page.request)).filter((e) => e.url === failing.url);
  const lax = await receiver(200);
  await createWebhook(page, lax.url, "Checks no signature");
  const [laxEndpoint] = (await listEndpoints(page.request)).filter((e) => e.url === lax.url);
  expect((await page.request.post(`/api/v1/webhooks/${laxEndpoint.id}/probe`)).status()).toBe(200);
  expect(endpoint).toBeDefined();
  await page.reload();
  const forged = endpointRow(page, lax.url).getByText("Accepts forged requests");
  await expect(forged).toBeVisible();
  expect((await forged.boundingBox())!.height).toBeLessThan(26);
  const row = endpointRow(page, failing.url);
  const text = row.getByText(/^Failing: /);
  await expect(text).toBeVisible();
  const box = await text.boundingBox();
  expect(box!.width).toBeGreaterThan(150);
  const pill = row.getByText("Failing", { exact: true });
  const pillBox = await pill.boundingBox();
  expect(pillBox!.height).toBeLessThan(26);
});

/** Creates an endpoint through the dialog and answers the one-time secret dialog that follows. */
async function createAndShowSecret(page: Page, url: string) {
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const form = page.getByRole("dialog", { name: "Create Webhook" });
  await form.getByLabel("Endpoint URL").fill(url);
  await form.getByRole("button", { name: "Create" }).click();
  return page.getByRole("dialog", { name: "Webhook Secret Key" });
}

test("the one-time secret dialog asks before closing unless the secret was copied", async ({ page, context, receiver }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const server = await receiver(200);
  const secretDialog = await createAndShowSecret(page, server.url);
  await expect(secretDialog.getByRole("textbox")).toHaveValue(/^whsec_/);
  const question = secretDialog.getByText("Have you copied the secret? It will not be shown again.");
  for (const dismiss of [() => page.keyboard.press("Escape"), () => page.mouse.click(5, 5), () => secretDialog.getByRole("button", { name: "Done" }).click()]) {
    await dismiss();
    await expect(question).toBeVisible();
    await secretDialog.getByRole("button", { name: "Go back" }).click();
    await expect(question).toBeHidden();
    await expect(secretDialog).toBeVisible();
  }
  // Copy either reaches the clipboard ("Copied") or, where the browser blocks it, selects the value for
  // Ctrl+C: both count as copied. Either way the dialog then closes without asking.
  await secretDialog.getByRole("button", { name: "Copy" }).click();
  const copiedButton = secretDialog.getByRole("button", { name: "Copied" });
  const blocked = secretDialog.getByText(/Copying is blocked here/);
  await expect(copiedButton.or(blocked)).toBeVisible();
  if (await blocked.isVisible()) {
    await secretDialog.getByRole("textbox").focus();
    await page.keyboard.press("ControlOrMeta+C");
    await expect(copiedButton).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(question).toBeHidden();
  await expect(secretDialog).toBeHidden();
});

test("copying the secret with Ctrl+C on the field counts as copied", async ({ page, receiver }) => {
  const server = await receiver(200);
  const secretDialog = await createAndShowSecret(page, server.url);
  const field = secretDialog.getByRole("textbox");
  await expect(field).toHaveValue(/^whsec_/);
  await page.keyboard.press("Escape");
  await expect(secretDialog.getByText("Have you copied the secret? It will not be shown again.")).toBeVisible();
  await secretDialog.getByRole("button", { name: "Go back" }).click();
  await field.focus();
  await page.keyboard.press("ControlOrMeta+C");
  await expect(secretDialog.getByRole("button", { name: "Copied" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(secretDialog).toBeHidden();
});
