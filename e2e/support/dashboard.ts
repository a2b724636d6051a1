// UI steps shared by the specs, written against the labels in the product brief.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "correct-horse-battery";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export async function signUp(page: Page, name: string, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Business name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Webhook", exact: true, level: 1 })).toBeVisible();
}

/** Creates an endpoint through the Create Webhook dialog and returns the secret shown once. */
export async function createWebhook(page: Page, url: string, description: string): Promise<string> {
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const form = page.getByRole("dialog", { name: "Create Webhook" });
  await form.getByLabel("Endpoint URL").fill(url);
  await form.getByLabel("Description").fill(description);
  await form.getByRole("button", { name: "Create" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Webhook Secret Key" });
  const secretInput = secretDialog.getByRole("textbox");
  await expect(secretInput).toHaveValue(/^whsec_/);
  const secret = await secretInput.inputValue();
  await secretDialog.getByRole("button", { name: "Done" }).click();
  // Not copied: the dialog asks once before the secret is gone.
  await secretDialog.getByRole("button", { name: "Close anyway" }).click();
  await expect(secretDialog).toBeHidden();
  await expect(endpointRow(page, url)).toBeVisible();
  return secret;
}

export function endpointRow(page: Page, url: string): Locator {
  return page.getByRole("row").filter({ has: page.getByTitle(url, { exact: true }) });
}

type EndpointJson = { id: string; url: string };

export async function listEndpoints(request: APIRequestContext): Promise<EndpointJson[]> {
  const res = await request.get("/api/v1/webhooks");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: EndpointJson[] }).data;
}

export async function deleteAllEndpoints(request: APIRequestContext): Promise<void> {
  for (const endpoint of await listEndpoints(request)) {
    expect((await request.delete(`/api/v1/webhooks/${endpoint.id}`)).status()).toBe(204);
  }
}

/** Opens an endpoint's detail page from the list, by its URL link. */
export async function openEndpoint(page: Page, url: string): Promise<void> {
  await page.goto("/webhooks");
  await page.getByRole("link", { name: url, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: url })).toBeVisible();
}

/** A delivery (or event) in the log: its summary row and, once expanded, its details. */
export function logEntry(page: Page, eventId: string): Locator {
  return page.locator("tbody").filter({ has: page.getByRole("button", { name: eventId }) });
}
