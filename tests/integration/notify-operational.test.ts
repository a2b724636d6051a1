// The operational webhook through the real app: a notification about one of the merchant's endpoints
// becomes a Standard Webhooks POST `{type, timestamp, data}` to the merchant's kind = "operational"
// endpoint, sent by the durable engine (signed, logged); a notice about the operational endpoint itself,
// and a security notice, never go there; checkout events never go there either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../support/receiver";
import { PLATFORM_TOKEN, publish, sleep, verifySigned, waitFor } from "./delivery-helpers";
import { type App, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { CreatedEndpoint } from "./shapes";
import { openTestSql, type TestSql } from "./test-sql";

let app: App;
let receiver: Receiver;
let sql: TestSql;
let merchant: Merchant;
let shop: CreatedEndpoint;
let ops: CreatedEndpoint;
let seq = 0;

beforeAll(async () => {
  [app, receiver] = await Promise.all([startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN }), startReceiver()]);
  sql = await openTestSql(app.databaseUrl);
  merchant = await app.merchant("Operational Merchant");
  shop = await createEndpoint(merchant.client, { url: receiver.url("/shop"), description: "Orders" });
  // The operational webhook is an Endpoint row with kind = "operational" (its settings API creates one
  // the same way: the engine's secret, URL rules and delivery log).
  ops = await createEndpoint(merchant.client, { url: receiver.url("/ops"), description: "Ops" });
  await sql.run(`UPDATE "Endpoint" SET "kind" = 'operational' WHERE "id" = ?`, ops.id);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await sql?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

async function raise(type: string, endpointId: string | null, data: Record<string, unknown>): Promise<string> {
  const id = `ntf_op_${Date.now().toString(36)}_${++seq}`;
  const now = new Date();
  await sql.run(
    `INSERT INTO "Notification" ("id","merchantId","endpointId","type","data","count","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)`,
    id, merchant.id, endpointId, type, JSON.stringify(data), 1, now, now,
  );
  return id;
}
const opsRequests = () => receiver.requests.filter((r) => r.path === "/ops");
const dispatched = async (id: string) => (await sql.get<{ d: unknown }>(`SELECT "dispatchedAt" AS d FROM "Notification" WHERE "id" = ?`, id))?.d != null;

describe("operational webhook", () => {
  it("a notice about an endpoint → a signed POST {type, timestamp, data} that verifies with the standardwebhooks library", async () => {
    const data = { endpointId: shop.id, url: shop.url, description: "Orders", state: "paused", lastError: "connect ECONNREFUSED", pausedUntil: "2026-12-07T14:05:00.000Z" };
    await raise("endpoint.paused", shop.id, data);
    await waitFor("the operational POST", () => opsRequests().length === 1, 20_000);
    const request = opsRequests()[0]!;
    const body = verifySigned(request, ops.secret) as { type: string; timestamp: string; data: unknown };
    expect(body).toEqual({ type: "endpoint.paused", timestamp: expect.any(String), data });
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
    expect(request.headers["content-type"]).toMatch(/application\/json/);
    // Through the engine: a delivery of the operational endpoint, recorded as succeeded.
    await waitFor("the delivery recorded", async () => (await sql.get<{ status: string }>(`SELECT "status" FROM "Delivery" WHERE "endpointId" = ?`, ops.id))?.status === "succeeded", 10_000);
  });

  it("delivery.exhausted carries its count in data", async () => {
    const id = `ntf_op_x_${++seq}`;
    const at = new Date(Date.now() - 40_000); // quiet for more than 30 s: ready
    await sql.run(
      `INSERT INTO "Notification" ("id","merchantId","endpointId","type","data","count","dedupeKey","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?)`,
      id, merchant.id, shop.id, "delivery.exhausted", JSON.stringify({ endpointId: shop.id, url: shop.url, state: "failing", since: "2026-12-07T14:00:00.000Z" }), 37, `delivery.exhausted:${shop.id}:x`, at, at,
    );
    await waitFor("the exhausted POST", () => opsRequests().length === 2, 20_000);
    const body = verifySigned(opsRequests()[1]!, ops.secret) as { type: string; data: { count: number } };
    expect(body.type).toBe("delivery.exhausted");
    expect(body.data.count).toBe(37);
  });

  it("a notice about the operational endpoint itself, or a security notice: no POST (email and inbox only)", async () => {
    const self = await raise("endpoint.paused", ops.id, { endpointId: ops.id, url: ops.url, state: "paused" });
    const security = await raise("account.password_changed", null, { actor: "system" });
    await waitFor("both dispatched", async () => (await dispatched(self)) && (await dispatched(security)), 20_000);
    await sleep(2_000);
    expect(opsRequests()).toHaveLength(2);
  });

  it("a checkout event is never delivered to the operational endpoint", async () => {
    const published = await publish(app.baseUrl, merchant.id, "checkout_session.completed");
    expect(published.deliveries).toBe(1);
    await waitFor("the shop's delivery", () => receiver.requests.some((r) => r.path === "/shop"), 20_000);
    await sleep(1_000);
    expect(opsRequests().every((r) => !r.body.includes("checkout_session"))).toBe(true);
    expect(opsRequests()).toHaveLength(2);
  });
});
