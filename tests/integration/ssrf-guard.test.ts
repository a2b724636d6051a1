// The SSRF guard in production mode (WEBHOOK_ALLOW_PRIVATE_TARGETS=false), end to end: private and
// reserved targets are refused at create and update, and only the allow-listed CIDR gets through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { ApiErrorBody, Endpoint, TestResult } from "./shapes";

let app: App;
let receiver: Receiver;
let merchant: Merchant;

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "false", WEBHOOK_ALLOWED_CIDRS: "127.0.0.1/32" }),
    startReceiver(),
  ]);
  merchant = await app.merchant("Guarded Merchant");
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

const list = async () => ((await merchant.client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data;

describe("with the guard on", () => {
  it.each([
    "http://127.0.0.2/hook",
    "http://127.1.2.3/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.2]/hook",
    "http://0x7f.2/hook",
    "http://2130706434/hook",
    "http://10.0.0.1/hook",
    "http://172.16.5.4/hook",
    "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
    "http://[fd00::1]/hook",
    "http://[fe80::1]/hook",
    "http://[64:ff9b::a9fe:a9fe]/hook",
    "http://224.0.0.1/hook",
  ])("refuses %s with 422 on the url field and creates nothing", async (url) => {
    const res = await merchant.client.post("/api/v1/webhooks", { url });
    expect(res.status).toBe(422);
    expect((res.body as ApiErrorBody).error).toMatchObject({ code: "validation_failed", fields: { url: expect.stringMatching(/private or reserved/) } });
    expect(await list()).toEqual([]);
  });

  it("accepts a public address (no request is made at create)", async () => {
    const endpoint = await createEndpoint(merchant.client, { url: "https://93.184.216.34/hook" });
    expect(endpoint.url).toBe("https://93.184.216.34/hook");
    expect((await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(204);
  });

  it("delivers to the allow-listed CIDR, and refuses to move the endpoint to a private address", async () => {
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/allowed") });
    const res = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    expect((res.body as TestResult).delivered).toBe(true);
    expect(receiver.requests).toHaveLength(1);

    const moved = await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url: "http://169.254.169.254/latest/meta-data/" });
    expect(moved.status).toBe(422);
    expect((await list()).map((e) => e.url)).toEqual([receiver.url("/allowed")]);
  });
});
