// The circuit breaker as a merchant sees it: an endpoint that stops answering is shown as Failing
// (paused until when, and the last error) on the list and on its page; a successful Send Test Event or
// re-enabling resumes it. The e2e server pauses after 3 unanswered attempts for 10 minutes.
import { expect, test } from "./support/fixtures";
import { createWebhook, deleteAllEndpoints, endpointRow, listEndpoints, openEndpoint } from "./support/dashboard";
import { merchantId, publishEvent } from "./support/platform";
import { closedPortUrl } from "./support/receiver";

const PAUSED = /Failing: paused until \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC, last error: Connection refused: nothing is listening at that address/;

test.beforeEach(async ({ page }) => {
  await deleteAllEndpoints(page.request);
  await page.goto("/webhooks");
});

/** Three events to an endpoint nobody listens on: three refused attempts open its breaker. */
async function pauseEndpoint(page: import("@playwright/test").Page, url: string): Promise<void> {
  const merchant = await merchantId(page.request);
  for (let i = 0; i < 3; i++) await publishEvent(page.request, merchant, "checkout_session.expired");
  await expect
    .poll(async () => (await page.request.get(`/api/v1/webhooks/${(await listEndpoints(page.request)).find((e) => e.url === url)!.id}`).then((r) => r.json())).health.state, { timeout: 15_000 })
    .toBe("paused");
}

test("a paused endpoint shows Failing on the list and its page; a successful Send Test Event resumes it", async ({ page, receiver }) => {
  const refused = await closedPortUrl();
  await createWebhook(page, refused, "Goes dark");
  await pauseEndpoint(page, refused);

  await page.reload();
  const row = endpointRow(page, refused);
  await expect(row.getByText("Failing", { exact: true })).toBeVisible();
  await expect(row).toContainText(PAUSED);

  await openEndpoint(page, refused);
  const notice = page.getByRole("note", { name: "Endpoint failing" });
  await expect(notice).toContainText(PAUSED);
  await expect(notice).toContainText("3 attempts in a row got no answer");
  // The held deliveries go when the pause ends, not "due now".
  const log = page.getByRole("table", { name: /^Deliveries to / });
  await expect(log.getByRole("row").filter({ hasText: "expired" })).toHaveCount(3);
  await expect(log).not.toContainText("due now");
  await expect(log.getByRole("row").filter({ hasText: "expired" }).first()).toContainText(/in (9|10) minutes/);

  // The merchant points it at a working server: still paused until a test gets through.
  const server = await receiver(200);
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Webhook" });
  await dialog.getByLabel("Endpoint URL").fill(server.url);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(notice).toBeVisible();
  expect(server.received).toHaveLength(0);

  await page.getByRole("button", { name: "Send Test Event" }).click();
  await expect(page.getByRole("status")).toContainText("Delivered");
  await expect(notice).toBeHidden();
  // The three held deliveries follow the test event at once.
  await expect.poll(() => server.received.length, { timeout: 10_000 }).toBe(4);
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(endpointRow(page, server.url).getByText("Failing", { exact: true })).toHaveCount(0);
});

test("re-enabling a paused endpoint resumes it", async ({ page }) => {
  const refused = await closedPortUrl();
  await createWebhook(page, refused, "Paused, then re-enabled");
  await pauseEndpoint(page, refused);
  await openEndpoint(page, refused);
  const notice = page.getByRole("note", { name: "Endpoint failing" });
  await expect(notice).toBeVisible();

  await page.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("dialog", { name: "Disable webhook?" }).getByRole("button", { name: "Disable" }).click();
  const banner = page.getByRole("note", { name: "Endpoint disabled" });
  await expect(banner).toBeVisible();
  // As the Disable dialog promises, its pending deliveries are closed as failed (the breaker no longer holds
  // them); only then is re-enabling a clean start, with nothing left to send to the dead URL.
  const [endpoint] = (await listEndpoints(page.request)).filter((e) => e.url === refused);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).json()) as { data: Array<{ status: string }> }).data.map((d) => d.status), { timeout: 15_000 })
    .toEqual(["failed", "failed", "failed"]);
  await banner.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("status")).toContainText("Webhook enabled");
  await expect(banner).toBeHidden();
  await expect(notice).toBeHidden();
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(endpointRow(page, refused).getByText("Failing", { exact: true })).toHaveCount(0);
});
