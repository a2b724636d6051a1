// Issue 20 over real HTTP: saved custom header values do not follow a URL change to another origin (the
// PATCH must send them again, and the new host never sees an old value), PATCH {} is a 422, and turning
// two-factor on needs the password and ends every other session of the merchant; and the minor items: port 0,
// a header name's length limit, the signature probe budgeted per target host across merchants.
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, HttpClient, logIn, type Merchant, PASSWORD } from "./http-client";
import type { Endpoint } from "./shapes";
import { startSecureApp, type SecureApp } from "./security-helpers";

let app: SecureApp;
let merchant: Merchant;
let oldHost: Receiver;
let newHost: Receiver;

const API_KEY = "gw_live_old_host_key_7Qm2";
const MASK = "••••••";
const HOST_CHANGED = "Enter the header values again: the URL's host changed";

beforeAll(async () => {
  [app, oldHost, newHost] = await Promise.all([startSecureApp({ WEBHOOK_TIMEOUT_MS: "2000", RATE_LIMIT_ACCOUNT: "1000/60", RATE_LIMIT_SIGNUP_IP: "1000/60" }), startReceiver(), startReceiver()]);
  merchant = await app.merchant("Review Input Merchant");
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), oldHost?.close(), newHost?.close()]);
});

const errorOf = (body: unknown) => (body as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

describe("custom header values and a URL change", () => {
  it("another origin needs every value again: masked or omitted is a 422, and a test event to the new host carries no old value", async () => {
    const created = await createEndpoint(merchant.client, { url: oldHost.url("/hooks"), headers: { "X-Api-Key": API_KEY, "X-Tenant": "acme" } });
    const path = `/api/v1/webhooks/${created.id}`;

    const urlOnly = await merchant.client.patch(path, { url: newHost.url("/hooks") });
    expect(urlOnly.status).toBe(422);
    expect(errorOf(urlOnly.body)).toMatchObject({ code: "validation_failed", message: HOST_CHANGED });
    expect(Object.keys(errorOf(urlOnly.body).fields ?? {})).toEqual(["headers"]);

    const masked = await merchant.client.patch(path, { url: newHost.url("/hooks"), headers: { "X-Api-Key": MASK, "X-Tenant": "globex" } });
    expect(masked.status).toBe(422);
    expect(errorOf(masked.body)).toMatchObject({ code: "validation_failed", message: HOST_CHANGED, fields: { "headers.X-Api-Key": "Enter this value again" } });
    expect(((await merchant.client.get(path)).body as Endpoint).url).toBe(oldHost.url("/hooks"));

    // Dropping the secret header and typing the other anew is accepted: the new host gets only the new value.
    const retyped = await merchant.client.patch(path, { url: newHost.url("/hooks"), headers: { "X-Tenant": "globex" } });
    expect(retyped.status, retyped.text).toBe(200);
    newHost.clear();
    oldHost.clear();
    expect((await merchant.client.post(`${path}/test`, {})).body).toMatchObject({ delivered: true });
    const [request] = await newHost.waitForRequests(1);
    expect(request.headers["x-tenant"]).toBe("globex");
    expect(request.headers["x-api-key"]).toBeUndefined();
    expect(JSON.stringify(request.headers)).not.toContain(API_KEY);
    expect(oldHost.requests).toHaveLength(0);
  });

  it("the same origin keeps the saved values when only the path changes", async () => {
    const created = await createEndpoint(merchant.client, { url: oldHost.url("/a"), headers: { "X-Api-Key": API_KEY } });
    const moved = await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { url: oldHost.url("/b") });
    expect(moved.status, moved.text).toBe(200);
    oldHost.clear();
    expect((await merchant.client.post(`/api/v1/webhooks/${created.id}/test`, {})).body).toMatchObject({ delivered: true });
    const [request] = await oldHost.waitForRequests(1);
    expect(request.path).toBe("/b");
    expect(request.headers["x-api-key"]).toBe(API_KEY);
  });

  it("PATCH {} is a 422 that says there is nothing to change (not a 404)", async () => {
    const created = await createEndpoint(merchant.client, { url: oldHost.url("/empty") });
    const res = await merchant.client.patch(`/api/v1/webhooks/${created.id}`, {});
    expect(res.status).toBe(422);
    expect(errorOf(res.body)).toMatchObject({ code: "validation_failed" });
    expect(errorOf(res.body).message).toMatch(/^Nothing to change/);
  });

  it("the mask is not a value on create, and a masked prototype name is not a saved header", async () => {
    const res = await merchant.client.post("/api/v1/webhooks", { url: oldHost.url("/mask"), headers: { "X-Api-Key": MASK } });
    expect(res.status).toBe(422);
    expect(errorOf(res.body).fields).toEqual({ "headers.X-Api-Key": "Enter a value" });
    const created = await createEndpoint(merchant.client, { url: oldHost.url("/proto"), headers: { "X-Api-Key": API_KEY } });
    const proto = await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: { constructor: MASK, hasOwnProperty: MASK } });
    expect(proto.status).toBe(422);
    expect(errorOf(proto.body).fields).toEqual({ "headers.constructor": "Enter a value", "headers.hasOwnProperty": "Enter a value" });
  });
});

describe("the review's minor input items", () => {
  it("port 0 is not a URL: create and PATCH answer 422 on url", async () => {
    const merchant = await app.merchant("Port Zero"); // its own: the shared merchant's 5 endpoints are taken
    for (const url of ["http://127.0.0.1:0/hook", "https://example.com:0/hook", "https://example.com:00/hook"]) {
      const res = await merchant.client.post("/api/v1/webhooks", { url });
      expect(res.status, url).toBe(422);
      expect(Object.keys(errorOf(res.body).fields ?? {}), url).toEqual(["url"]);
    }
    const created = await createEndpoint(merchant.client, { url: oldHost.url("/port") });
    const res = await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { url: "http://127.0.0.1:0/hook" });
    expect(res.status).toBe(422);
    expect((await merchant.client.get(`/api/v1/webhooks/${created.id}`)).body).toMatchObject({ url: oldHost.url("/port") });
  });

  it("a header name has a length limit (100 characters), on create and on PATCH", async () => {
    const merchant = await app.merchant("Long Header Name");
    const long = `X-${"a".repeat(99)}`; // 101 characters
    const res = await merchant.client.post("/api/v1/webhooks", { url: oldHost.url("/long-name"), headers: { [long]: "v" } });
    expect(res.status).toBe(422);
    expect(errorOf(res.body).fields?.[`headers.${long}`]).toMatch(/at most 100 characters/);
    const created = await createEndpoint(merchant.client, { url: oldHost.url("/long-name"), headers: { [long.slice(0, 100)]: "v" } });
    expect((await merchant.client.patch(`/api/v1/webhooks/${created.id}`, { headers: { [long]: "v" } })).status).toBe(422);
  });
});

describe("the signature probe budget per target host", () => {
  it("across merchants: once 30 probes reached one host this minute, a merchant that has spent nothing gets 429 there", async () => {
    // A host name of its own ("localhost", not the other tests' 127.0.0.1), so only these probes count against it.
    const probed = await startReceiver({ alsoIPv6: true });
    try {
      const url = `http://localhost:${probed.port}/probe`;
      for (let m = 0; m < 6; m++) {
        const farmer = await app.merchant(`Probe Host Farmer ${m}`);
        const endpoint = await createEndpoint(farmer.client, { url });
        for (let i = 0; i < 5; i++) expect((await farmer.client.post(`/api/v1/webhooks/${endpoint.id}/probe`)).status).toBe(200);
      }
      const fresh = await app.merchant("Probe Host Newcomer");
      const endpoint = await createEndpoint(fresh.client, { url });
      const res = await fresh.client.post(`/api/v1/webhooks/${endpoint.id}/probe`);
      expect(res.status).toBe(429);
      expect(errorOf(res.body).code).toBe("rate_limited");
      expect(probed.requests).toHaveLength(30);
      // Another host is its own budget: the newcomer's probe there goes out.
      const elsewhere = await createEndpoint(fresh.client, { url: oldHost.url("/probe-elsewhere") });
      expect((await fresh.client.post(`/api/v1/webhooks/${elsewhere.id}/probe`)).status).toBe(200);
    } finally {
      await probed.close();
    }
  });
});

describe("turning two-factor on", () => {
  it("needs the password for the setup and the confirmation, and ends every other session (its next request is 401)", async () => {
    const other = new HttpClient(app.baseUrl);
    expect((await logIn(other, merchant.email, PASSWORD)).status).toBe(200);
    expect((await other.get("/api/v1/merchant")).status).toBe(200);

    for (const body of [{}, { password: "not-the-password" }]) {
      const refused = await merchant.client.post("/api/v1/account/two-factor/setup", body);
      expect(refused.status).toBe(422);
      expect(errorOf(refused.body).fields).toHaveProperty("password");
    }
    expect(errorOf((await merchant.client.post("/api/v1/account/two-factor/setup", { password: "not-the-password" })).body).fields).toEqual({ password: "That password is not correct" });

    const setup = await merchant.client.post("/api/v1/account/two-factor/setup", { password: PASSWORD });
    expect(setup.status, setup.text).toBe(200);
    const { secret } = setup.body as { secret: string };
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });

    const noPassword = await merchant.client.post("/api/v1/account/two-factor", { code: totp.generate() });
    expect(noPassword.status).toBe(422);
    const wrongPassword = await merchant.client.post("/api/v1/account/two-factor", { password: "not-the-password", code: totp.generate() });
    expect(errorOf(wrongPassword.body).fields).toEqual({ password: "That password is not correct" });
    expect(((await merchant.client.get("/api/v1/account/two-factor")).body as { enabled: boolean }).enabled).toBe(false);
    expect((await other.get("/api/v1/merchant")).status).toBe(200);

    const enabled = await merchant.client.post("/api/v1/account/two-factor", { password: PASSWORD, code: totp.generate() });
    expect(enabled.status, enabled.text).toBe(200);
    expect((await other.get("/api/v1/merchant")).status).toBe(401);
    expect((await merchant.client.get("/api/v1/merchant")).status).toBe(200);
  });
});
