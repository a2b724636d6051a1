// Developers → API reference renders the OpenAPI document (Scalar, from our own bundle) and Developers →
// Event catalog shows each event with its example body; no request leaves 127.0.0.1 while they render.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const TAGS = ["Webhooks", "Deliveries", "Events", "Merchant", "API keys", "Account", "Developers"];

/** Aborts and records every request that is not for 127.0.0.1 (fonts, CDNs, telemetry). */
async function keepOffline(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1") return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  return outside;
}

async function openFromSidebar(page: Page, link: string) {
  await page.goto("/webhooks");
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByText("Developers", { exact: true })).toBeVisible();
  await nav.getByRole("link", { name: link }).click();
  await expect(nav.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
}

test("the API reference renders every tag and POST /api/v1/webhooks with its example, offline", async ({ page, context }) => {
  const outside = await keepOffline(context);
  const documentLoaded = page.waitForResponse((r) => r.url().endsWith("/api/v1/openapi.json") && r.status() === 200);
  await openFromSidebar(page, "API reference");
  await expect(page).toHaveURL(/\/developers\/api$/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await documentLoaded;

  const reference = page.getByTestId("api-reference");
  for (const tag of TAGS) await expect(reference.getByRole("heading", { name: tag, exact: true, level: 2 })).toBeAttached();

  const createWebhook = reference.getByRole("region", { name: "Create a webhook endpoint" });
  await createWebhook.getByRole("button", { name: /POST \/api\/v1\/webhooks Create a webhook endpoint/ }).click();
  await expect(createWebhook.getByRole("heading", { name: "/api/v1/webhooks Create a webhook endpoint" })).toBeVisible();
  // The document's request and response examples (lib/openapi/operations/webhooks.ts) are what it shows.
  await expect(createWebhook.getByText(/example\.com\/webhooks\/dashx/).first()).toBeVisible();
  await expect(createWebhook.getByText(/whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/).first()).toBeAttached();
  await page.screenshot({ path: test.info().outputPath("api-reference.png"), fullPage: false });

  expect(outside).toEqual([]);
});

test("the event catalog shows the checkout events with their example bodies, offline", async ({ page, context }) => {
  const outside = await keepOffline(context);
  await openFromSidebar(page, "Event catalog");
  await expect(page).toHaveURL(/\/developers\/events$/);
  await expect(page.getByRole("heading", { name: "Event catalog", level: 1 })).toBeVisible();

  const catalog = await (await page.request.get("/api/v1/event-types")).json() as { data: Array<{ type: string; example: unknown }> };
  for (const type of ["checkout_session.completed", "checkout_session.expired", "checkout_session.canceled"]) {
    const section = page.locator(`section[data-event-type="${type}"]`);
    await expect(section.getByRole("heading", { name: type, level: 3 })).toBeVisible();
    const example = catalog.data.find((t) => t.type === type)!.example;
    await expect(section.getByLabel(`Example ${type} body`)).toHaveText(JSON.stringify(example, null, 2));
    await expect(section.getByLabel(`JSON Schema of ${type} data`)).toContainText('"$schema"');
  }
  await expect(page.locator('section[data-event-type="checkout_session.completed"]')).toContainText('"transaction_hash"');
  await expect(page.locator('section[data-event-type="webhook.signature_probe"]')).toBeVisible();
  // The operational webhook's kinds, under their own heading, each with its {type, timestamp, data} example.
  const operational = page.locator('[data-channel="operational"]');
  await expect(operational.getByRole("heading", { name: "Sent to the operational webhook", level: 2 })).toBeVisible();
  for (const type of ["endpoint.failing", "endpoint.paused", "endpoint.disabled", "endpoint.recovered", "delivery.exhausted", "endpoint.signature_unverified"]) {
    const example = catalog.data.find((t) => t.type === type)!.example;
    await expect(operational.locator(`section[data-event-type="${type}"]`).getByLabel(`Example ${type} body`)).toHaveText(JSON.stringify(example, null, 2));
  }

  expect(outside).toEqual([]);
});

test("Try it sends the request with the signed-in merchant's own session", async ({ page, context }) => {
  const outside = await keepOffline(context);
  await page.goto("/developers/api");
  const region = page.getByTestId("api-reference").getByRole("region", { name: "List webhook endpoints" });
  await region.getByRole("button", { name: /GET \/api\/v1\/webhooks List webhook endpoints/ }).click();
  const sent = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/webhooks" && r.request().method() === "GET");
  // The operation renders its Test Request button twice (one for narrow layouts, hidden here).
  await region.getByRole("button", { name: "Test Request" }).last().click();
  await page.getByRole("button", { name: /^Send/ }).first().click();
  const response = await sent;
  // 200, not 401: the request went out with the dashboard session cookie of this browser.
  expect(response.status()).toBe(200);
  expect((await response.json()) as unknown).toEqual(await (await page.request.get("/api/v1/webhooks")).json());
  await expect(page.getByText("200", { exact: true }).first()).toBeVisible();
  expect(outside).toEqual([]);
});
