// Settings → API keys: create (shown once), use as a Bearer token, revoke (401 at once).
import { expect, test } from "./support/fixtures";

test("create an API key, use it as a Bearer token, revoke it", async ({ page, playwright, baseURL }, testInfo) => {
  const existing = ((await (await page.request.get("/api/v1/api-keys")).json()) as { data: Array<{ id: string }> }).data;
  for (const key of existing) expect((await page.request.delete(`/api/v1/api-keys/${key.id}`)).status()).toBe(204);
  await page.goto("/webhooks");
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByText("Acme Coffee")).toBeVisible();
  await expect(page.getByRole("main").getByText(/^acme-.*@example\.test$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();

  const create = page.getByRole("button", { name: "Create API key" });
  await create.click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Give the key a name")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Name").fill("CI deploys");
  await dialog.getByRole("button", { name: "Create" }).click();

  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal).toContainText("This key is shown only once");
  const key = await reveal.getByRole("textbox").inputValue();
  expect(key).toMatch(/^dsk_[A-Za-z0-9_-]{40,}$/);
  await reveal.getByRole("button", { name: "Copy" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("api-key-created.png") });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: "CI deploys" });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("Never");
  expect(await page.content()).not.toContain(key);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
  try {
    const ok = await api.get("/api/v1/webhooks");
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toHaveProperty("data");
    await page.reload();
    await expect(row).toContainText("just now"); // last used

    await row.getByRole("button", { name: "Revoke" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke API key?" });
    await expect(confirm).toContainText("CI deploys");
    await confirm.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("status")).toContainText("API key revoked");
    await expect(row).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();

    const refused = await api.get("/api/v1/webhooks");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
  } finally {
    await api.dispose();
  }
});

test("from 320 px to desktop the API-key usage snippets wrap between words, never inside one", async ({ page }) => {
  const existing = ((await (await page.request.get("/api/v1/api-keys")).json()) as { data: Array<{ id: string }> }).data;
  for (const key of existing) expect((await page.request.delete(`/api/v1/api-keys/${key.id}`)).status()).toBe(204);
  // Where a line breaks depends on the width: break-all split "Authoriz|ation" at 340 px, "webhoo|ks" at 375, "Bear|er" at 768.
  for (const width of [320, 340, 360, 375, 390, 414, 480, 768, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/settings");
    await expect(page.getByRole("main").locator("code", { hasText: "curl -H" })).toBeVisible();
    // Each line break inside a code snippet: the characters on either side, when neither is a space.
    const midWord = await page.getByRole("main").evaluate((main) => {
      const bad: string[] = [];
      for (const code of main.querySelectorAll("code")) {
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let lastTop: number | null = null;
        let previous = "";
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? "";
          for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            if (lastTop !== null && rect.top > lastTop + 2 && previous !== " " && text[i] !== " ") bad.push(`${code.textContent} (at "${previous}|${text[i]}")`);
            lastTop = rect.top;
            previous = text[i];
          }
        }
      }
      return bad;
    });
    expect(midWord, `${width} px`).toEqual([]);
  }
});
