import { expect, test } from "./support/fixtures";
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

test("if the limit is reached while the dialog is open, the API's 409 message arrives as a toast", async ({ page }) => {
  await signUp(page, "Race Ltd", uniqueEmail("race"));
  for (let i = 1; i <= 4; i++) {
    const res = await page.request.post("/api/v1/webhooks", { data: { url: `https://hooks.example.com/race/${i}` } });
    expect(res.status()).toBe(201);
  }
  await page.reload();
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Endpoint URL").fill("https://hooks.example.com/race/from-the-dialog");

  // Another tab takes the last slot first.
  expect((await page.request.post("/api/v1/webhooks", { data: { url: "https://hooks.example.com/race/5" } })).status()).toBe(201);
  await dialog.getByRole("button", { name: "Create" }).click();

  await expect(page.getByRole("status")).toContainText("Only 5 webhooks are allowed per merchant");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("button", { name: "Create Webhook" })).toBeDisabled();
  expect(await listEndpoints(page.request)).toHaveLength(5);
});
