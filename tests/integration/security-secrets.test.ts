// Secrets: rotation (POST /api/v1/webhooks/{id}/secret/rotate) with a short overlap
// (WEBHOOK_SECRET_ROTATION_OVERLAP=2s), both signatures on every delivery during the overlap, only the new
// one after; then a hunt for every plaintext secret ever issued (whole, its base64 key part, and the raw
// key bytes) in the SQLite files (db, -wal, -shm), the server's stdout/stderr, every API response this file
// received, the deliveries as received, and the HTML of the dashboard's pages. Only the create/rotate
// response that issued a secret may contain it.
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReceivedRequest, type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { CreatedEndpoint, TestResult } from "./shapes";
import { completedData, databaseBytes, sleep, startSecureApp, waitFor, type SecureApp } from "./security-helpers";

const OVERLAP_MS = 2_000;

let app: SecureApp;
let receiver: Receiver;
let merchant: Merchant;
let other: Merchant;
/** Every secret the app issued in this file, with the response that issued it. */
const issued: { secret: string; method: string; path: string }[] = [];
/** The bodies of every intake response and every page fetched. */
const extraTexts: { what: string; text: string }[] = [];

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startSecureApp({ WEBHOOK_SECRET_ROTATION_OVERLAP: `${OVERLAP_MS / 1000}s` }),
    startReceiver(),
  ]);
  [merchant, other] = [await app.merchant("Rotating Merchant"), await app.merchant("Other Merchant")];
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

async function create(m: Merchant, path: string): Promise<CreatedEndpoint> {
  const endpoint = await createEndpoint(m.client, { url: receiver.url(path), description: `secret test ${path}` });
  issued.push({ secret: endpoint.secret, method: "POST", path: "/api/v1/webhooks" });
  return endpoint;
}

async function rotate(m: Merchant, id: string): Promise<string> {
  const res = await m.client.post(`/api/v1/webhooks/${id}/secret/rotate`, {});
  expect(res.status).toBe(200);
  const body = res.body as { secret: string; previousSecretExpiresAt: string };
  expect(Object.keys(body).sort()).toEqual(["previousSecretExpiresAt", "secret"]);
  expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  const expires = Date.parse(body.previousSecretExpiresAt);
  expect(expires).toBeGreaterThan(Date.now() - 1_000 + OVERLAP_MS - 2_000);
  expect(expires).toBeLessThan(Date.now() + OVERLAP_MS + 1_000);
  issued.push({ secret: body.secret, method: "POST", path: `/api/v1/webhooks/${id}/secret/rotate` });
  return body.secret;
}

const keyOf = (secret: string) => secret.slice("whsec_".length);
const sign = (secret: string, r: ReceivedRequest) =>
  createHmac("sha256", Buffer.from(keyOf(secret), "base64")).update(`${r.headers["webhook-id"]}.${r.headers["webhook-timestamp"]}.${r.body}`).digest("base64");
const headersOf = (r: ReceivedRequest) => Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(r.headers[h])]));
const verifies = (secret: string, r: ReceivedRequest) => {
  try {
    new Webhook(secret).verify(r.body, headersOf(r));
    return true;
  } catch {
    return false;
  }
};

async function testSend(m: Merchant, endpoint: { id: string }, path: string): Promise<ReceivedRequest> {
  const before = receiver.requests.length;
  const res = await m.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
  expect((res.body as TestResult).delivered).toBe(true);
  const all = await receiver.waitForRequests(before + 1);
  const request = all.slice(before).find((r) => r.path === path);
  expect(request).toBeDefined();
  return request!;
}

describe("secret rotation", () => {
  let endpoint: CreatedEndpoint;
  let first: string;
  let second: string;
  let fourth: string;

  it("before any rotation: one signature, by the secret from create", async () => {
    endpoint = await create(merchant, "/rot");
    first = endpoint.secret;
    const r = await testSend(merchant, endpoint, "/rot");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(first, r)}`);
    expect(verifies(first, r)).toBe(true);
  });

  it("during the overlap: `v1,<new> v1,<old>` on test events, and each verifies with standardwebhooks", async () => {
    second = await rotate(merchant, endpoint.id);
    expect(second).not.toBe(first);
    const r = await testSend(merchant, endpoint, "/rot");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(second, r)} v1,${sign(first, r)}`);
    expect(verifies(second, r)).toBe(true);
    expect(verifies(first, r)).toBe(true);
  });

  it("during the overlap: a real event from the intake carries both signatures too", async () => {
    const before = receiver.requests.length;
    const res = await app.intake({ merchantId: merchant.id, type: "checkout_session.completed", data: completedData() });
    extraTexts.push({ what: "intake response", text: JSON.stringify(res.body) });
    expect(res.status).toBe(202);
    const r = await waitFor(() => receiver.requests.slice(before).find((x) => x.headers["webhook-id"] === (res.body as { id: string }).id), "the real event");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(second, r)} v1,${sign(first, r)}`);
    expect(verifies(second, r) && verifies(first, r)).toBe(true);
  });

  it("after the overlap: only the new signature; the old secret no longer verifies", async () => {
    await sleep(OVERLAP_MS + 300);
    const r = await testSend(merchant, endpoint, "/rot");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(second, r)}`);
    expect(verifies(second, r)).toBe(true);
    expect(verifies(first, r)).toBe(false);
  });

  it("two rotations in a row: the newest and both secrets it replaced sign, each until its own overlap ends", async () => {
    const third = await rotate(merchant, endpoint.id);
    fourth = await rotate(merchant, endpoint.id);
    const r = await testSend(merchant, endpoint, "/rot");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(fourth, r)} v1,${sign(third, r)} v1,${sign(second, r)}`);
    expect(verifies(second, r)).toBe(true); // replaced by the third rotation: its own 24 h (here OVERLAP_MS) run
    expect(verifies(first, r)).toBe(false);
  });

  it("rotation is per endpoint: another endpoint keeps its single secret", async () => {
    const untouched = await create(merchant, "/untouched");
    const r = await testSend(merchant, untouched, "/untouched");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(untouched.secret, r)}`);
  });

  it("another merchant cannot rotate it (404), and the endpoint's signing secret is unchanged", async () => {
    const res = await other.client.post(`/api/v1/webhooks/${endpoint.id}/secret/rotate`, {});
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/whsec_/);
    const again = await other.client.post(`/api/v1/webhooks/cm0000000000000000000000a/secret/rotate`, {});
    expect(again.status).toBe(404);
    // Still the last secret issued for it: the fourth signs, alone or with the third during the overlap.
    await sleep(OVERLAP_MS + 300);
    const r = await testSend(merchant, endpoint, "/rot");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(fourth, r)}`);
  });

  it("a second merchant's endpoints and rotations are theirs alone", async () => {
    const theirs = await create(other, "/other");
    const rotated = await rotate(other, theirs.id);
    const r = await testSend(other, theirs, "/other");
    expect(r.headers["webhook-signature"]).toBe(`v1,${sign(rotated, r)} v1,${sign(theirs.secret, r)}`);
  });
});

describe("no plaintext secret anywhere it should not be", () => {
  beforeAll(async () => {
    // Read the things a merchant and an attacker could read: every list, detail, log and page.
    for (const m of [merchant, other]) {
      const endpoints = ((await m.client.get("/api/v1/webhooks")).body as { data: { id: string }[] }).data;
      for (const e of endpoints) {
        await m.client.get(`/api/v1/webhooks/${e.id}`);
        await m.client.get(`/api/v1/webhooks/${e.id}/audit`);
        const detailPage = await m.client.get(`/webhooks/${e.id}`); // the endpoint page (audit log, rotate)
        extraTexts.push({ what: `page /webhooks/${e.id} (${detailPage.status})`, text: detailPage.text });
        const deliveries = ((await m.client.get(`/api/v1/webhooks/${e.id}/deliveries`)).body as { data: { id: string; eventId: string }[] }).data;
        for (const d of deliveries) {
          await m.client.get(`/api/v1/deliveries/${d.id}`);
          await m.client.get(`/api/v1/events/${d.eventId}`);
        }
      }
      await m.client.get("/api/v1/events");
      await m.client.get("/api/v1/merchant");
      for (const page of ["/webhooks", "/", "/login", "/signup", "/events", "/settings", "/settings/api-keys"]) {
        const res = await m.client.get(page);
        extraTexts.push({ what: `page ${page} (${res.status})`, text: res.text });
      }
    }
    const webhooksPage = extraTexts.find((x) => x.what.startsWith("page /webhooks (200)"));
    expect(webhooksPage?.text).toContain("/rot"); // the page really rendered this merchant's endpoints
    // The worker and the app flush on their own schedule: give them a moment so the files are current.
    await sleep(500);
  });

  it("issued enough secrets to make the hunt meaningful", () => {
    expect(issued.length).toBeGreaterThanOrEqual(7);
    expect(new Set(issued.map((i) => i.secret)).size).toBe(issued.length);
  });

  it("the SQLite files (db, -wal, -shm) hold none: not the secret, its base64 key, nor the raw key bytes", () => {
    const files = databaseBytes(app.dbFile);
    expect(files.map((f) => f.file.replace(app.dbFile, "db"))).toContain("db");
    const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);
    expect(totalBytes).toBeGreaterThan(10_000);
    for (const { secret } of issued) {
      const raw = Buffer.from(keyOf(secret), "base64");
      for (const { file, bytes } of files) {
        expect(bytes.includes(secret), file).toBe(false);
        expect(bytes.includes(keyOf(secret)), file).toBe(false);
        expect(bytes.includes(raw), file).toBe(false);
        expect(bytes.includes(Buffer.from(keyOf(secret), "utf16le")), file).toBe(false);
      }
    }
  });

  it("the server's stdout and stderr hold none", () => {
    const logs = app.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const { secret } of issued) expect(logs).not.toContain(keyOf(secret));
  });

  it("every API response held a secret only if it was the create/rotate response that issued it", () => {
    const exchanges = [merchant, other].flatMap((m) => m.client.transcript);
    expect(exchanges.length).toBeGreaterThan(30);
    for (const { secret, method, path } of issued) {
      const containing = exchanges.filter((x) => x.text.includes(keyOf(secret)));
      expect(containing, secret).toHaveLength(1);
      expect(containing[0]).toMatchObject({ method, path, status: path.endsWith("/rotate") ? 200 : 201 });
    }
    expect(exchanges.filter((x) => x.status >= 500)).toEqual([]);
  });

  it("no page HTML, intake response or delivered request holds one", () => {
    expect(extraTexts.filter((x) => x.what.startsWith("page ")).length).toBeGreaterThanOrEqual(14);
    const delivered = receiver.requests.map((r) => ({ what: `delivery to ${r.path}`, text: JSON.stringify(r.headers) + r.body }));
    for (const { secret } of issued) {
      for (const { what, text } of [...extraTexts, ...delivered]) expect(text, what).not.toContain(keyOf(secret));
    }
  });

  it("no page or response mentions a secret field other than create and rotate", () => {
    const exchanges = [merchant, other].flatMap((m) => m.client.transcript);
    const mentions = exchanges.filter((x) => /"(secret|secretCiphertext|previousSecretCiphertext)"/.test(x.text));
    expect(mentions.every((x) => x.method === "POST" && (x.path === "/api/v1/webhooks" || x.path.endsWith("/secret/rotate")))).toBe(true);
    for (const { what, text } of extraTexts) expect(text, what).not.toMatch(/secretCiphertext|whsec_[A-Za-z0-9+/]{20}/);
  });
});
