import { expect, test } from "@playwright/test";
import { createWebhook, endpointRow, listEndpoints, signUp, uniqueEmail } from "./support/dashboard";

test.use({ storageState: { cookies: [], origins: [] } });

test("at 5 endpoints Create Webhook is disabled and says why; deleting one frees a slot", async ({ page }) => {
  await signUp(page, "Limit Labs", uniqueEmail("limit"));
  for (let i = 1; i <= 5; i++) await createWebhook(page, `https://hooks.example.com/dashx/${i}`, `Endpoint ${i}`);

  const create = page.getByRole("button", { name: "Create Webhook" });
  await expect(create).toBeDisabled();
  await expect(page.getByText("Only 5 webhooks are allowed per merchant")).toBeVisible();
  await expect(page.getByText("5 of 5 endpoints used")).toBeVisible();

  const res = await page.request.post("/api/v1/webhooks", { data: { url: "https://hooks.example.com/dashx/6" } });
  expect(res.status()).toBe(409);
  expect(await res.json()).toMatchObject({ error: { code: "webhook_limit_reached", message: "Only 5 webhooks are allowed per merchant" } });
  expect(await listEndpoints(page.request)).toHaveLength(5);

  const row = endpointRow(page, "https://hooks.example.com/dashx/3");
  await row.hover();
  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete webhook?" }).getByRole("button", { name: "Delete" }).click();
  await expect(create).toBeEnabled();
  await expect(page.getByText("Only 5 webhooks are allowed per merchant")).toBeHidden();
  await expect(page.getByText("4 of 5 endpoints used")).toBeVisible();
});
