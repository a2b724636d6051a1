// Publishing events the way the payments core does: POST /api/v1/events with the platform token.
import { expect, type APIRequestContext } from "@playwright/test";
import { PLATFORM_API_TOKEN } from "./paths";

export type EventType = "checkout_session.completed" | "checkout_session.expired" | "checkout_session.canceled";

export async function merchantId(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/v1/merchant");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

function sampleData(type: EventType) {
  if (type !== "checkout_session.completed") return null;
  const now = new Date().toISOString();
  return {
    object: {
      id: `cs_e2e_${Math.random().toString(36).slice(2, 12)}`,
      createdAt: now,
      amountTotal: "42.50",
      currency: "USDC",
      status: "completed",
      customer_id: "cus_e2e_1",
      transaction_hash: "0x" + "ab".repeat(32),
      payment_link_id: "pl_e2e_1",
      payment_link_title: "E2E coffee beans",
      from_address: "0x52908400098527886E0F7030069857D2E4169EE7",
      updatedAt: now,
    },
  };
}

/** Publishes one event for the merchant; returns its id and how many deliveries it queued. */
export async function publishEvent(request: APIRequestContext, merchant: string, type: EventType = "checkout_session.completed"): Promise<{ id: string; deliveries: number }> {
  const res = await request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${PLATFORM_API_TOKEN}` },
    data: { merchantId: merchant, type, data: sampleData(type) },
  });
  expect(res.status(), await res.text()).toBe(202);
  return (await res.json()) as { id: string; deliveries: number };
}
