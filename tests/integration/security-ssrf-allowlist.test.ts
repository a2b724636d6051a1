// The SSRF guard's allow-list for self-hosted setups: with WEBHOOK_ALLOW_PRIVATE_TARGETS=false and
// WEBHOOK_ALLOWED_CIDRS=127.0.0.0/8, every IPv4 loopback spelling (and a name resolving into it) is
// accepted and delivered to, while anything outside the list (::1, 10/8, metadata) is still refused.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { ApiErrorBody, CreatedEndpoint, TestResult } from "./shapes";
import { startLoopbackReceiver, startSecureApp, waitFor, type LoopbackReceiver, type SecureApp } from "./security-helpers";

let app: SecureApp;
let receiver: LoopbackReceiver;
let merchant: Merchant;

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startSecureApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "false", WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8", WEBHOOK_MAX_ENDPOINTS: "10" }),
    startLoopbackReceiver(),
  ]);
  merchant = await app.merchant("Self-hosted Merchant");
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

describe("WEBHOOK_ALLOWED_CIDRS=127.0.0.0/8", () => {
  const endpoints: CreatedEndpoint[] = [];

  it("accepts every IPv4 loopback spelling and a name that resolves to 127.0.0.1", async () => {
    for (const [i, host] of ["127.1", "2130706433", "0x7f.1", "0177.0.0.1", "[::ffff:127.0.0.1]", "localhost", "127.0.0.1"].entries()) {
      endpoints.push(await createEndpoint(merchant.client, { url: `http://${host}:${receiver.port}/hook/${i}` }));
    }
    expect(endpoints).toHaveLength(7);
  });

  it("Send Test Event reaches the receiver through each of them, signed", async () => {
    for (const [i, endpoint] of endpoints.entries()) {
      receiver.clear();
      const res = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
      expect(res.body, endpoint.url).toMatchObject({ delivered: true, statusCode: 200, errorKind: null } satisfies Partial<TestResult>);
      expect(receiver.requests, endpoint.url).toHaveLength(1);
      const [request] = receiver.requests;
      expect(request.path).toBe(`/hook/${i}`);
      const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(request.headers[h])]));
      expect(() => new Webhook(endpoint.secret).verify(request.body, headers)).not.toThrow();
    }
  });

  it("a real event through the intake reaches all of them", async () => {
    receiver.clear();
    const res = await app.intake({ merchantId: merchant.id, type: "checkout_session.expired", data: null });
    expect(res.status).toBe(202);
    const { id, deliveries } = res.body as { id: string; deliveries: number };
    expect(deliveries).toBe(endpoints.length);
    await waitFor(() => receiver.requests.length >= endpoints.length, "every endpoint to receive the event");
    expect(receiver.requests.map((r) => r.headers["webhook-id"])).toEqual(endpoints.map(() => id));
    expect(receiver.requests.map((r) => r.path).sort()).toEqual(endpoints.map((_, i) => `/hook/${i}`).sort());
  });

  it.each(["http://[::1]:PORT/hook", "http://10.0.0.1:PORT/hook", "http://169.254.169.254/latest/meta-data/", "http://[::ffff:10.0.0.1]:PORT/"])(
    "still refuses what the list does not name: %s",
    async (template) => {
      const url = template.replace("PORT", String(receiver.port));
      const res = await merchant.client.post("/api/v1/webhooks", { url });
      expect(res.status).toBe(422);
      expect((res.body as ApiErrorBody).error.fields?.url).toMatch(/private or reserved/);
    },
  );
});
