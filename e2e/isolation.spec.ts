import { expect, test } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, endpointRow, listEndpoints, signUp, uniqueEmail } from "./support/dashboard";

test("another merchant sees none of this merchant's endpoints and gets 404 for their ids", async ({ page, browser }) => {
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
  const url = "https://merchant-a.example.com/hooks";
  await createWebhook(page, url, "Merchant A only");
  const [endpointA] = await listEndpoints(page.request);

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const pageB = await other.newPage();
    await signUp(pageB, "Merchant B", uniqueEmail("merchant-b"));
    await expect(pageB.getByText("No webhook endpoints yet")).toBeVisible();
    await expect(pageB.getByText(url)).toHaveCount(0);
    expect(await listEndpoints(pageB.request)).toEqual([]);

    const api = pageB.request;
    const path = `/api/v1/webhooks/${endpointA.id}`;
    expect((await api.get(path)).status()).toBe(404);
    expect((await api.patch(path, { data: { description: "hijacked" } })).status()).toBe(404);
    expect((await api.post(`${path}/test`, { data: {} })).status()).toBe(404);
    expect((await api.delete(path)).status()).toBe(404);
    expect(await (await api.get(path)).json()).toMatchObject({ error: { code: "not_found" } });
  } finally {
    await other.close();
  }

  await page.reload();
  await expect(endpointRow(page, url)).toContainText("Merchant A only");
  expect((await page.request.get(`/api/v1/webhooks/${endpointA.id}`)).status()).toBe(200);
});
