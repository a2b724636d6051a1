// One realistic example per shape, shared by the operations' requests and responses. A unit test
// (document.test.ts) validates every example against the schema it illustrates, so none can drift.
import { API_VERSION } from "@/lib/events/catalog";

const T0 = "2026-12-07T14:05:00.000Z";
const T1 = "2026-12-07T14:05:01.250Z";

export const endpointExample = {
  id: "cmiv3k8qz0001mx01h2j4k5l6",
  url: "https://example.com/webhooks/dashx",
  description: "Order fulfilment",
  status: "enabled",
  eventTypes: ["checkout_session.completed"],
  createdAt: T0,
  updatedAt: T0,
  disabledReason: null,
  health: { state: "healthy", pausedUntil: null, consecutiveFailures: 0, lastError: null },
  headers: { "X-Api-Key": "••••••" },
  signatureCheck: null,
};

export const createdEndpointExample = { ...endpointExample, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };

export const completedData = {
  object: {
    id: "cs_test_a1b2c3d4e5f6a7b8c9d0e1f2",
    createdAt: "2026-12-07T14:03:30.000Z",
    amountTotal: "25.00",
    currency: "USDC",
    status: "completed",
    customer_id: "cus_test_4f9a1c",
    transaction_hash: "0x9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c",
    payment_link_id: "pl_test_8d2e5b",
    payment_link_title: "Test payment link",
    from_address: "0x52908400098527886E0F7030069857D2E4169EE7",
    updatedAt: T0,
  },
};

export const envelopeExample = {
  id: "5f0c8a2e-3b1d-4c6e-9a7f-2d4b6e8f0a1c",
  apiVersion: API_VERSION,
  created: 1796652300000,
  object: "checkoutSession",
  type: "checkout_session.completed",
  data: completedData,
};

export const deliveryExample = {
  id: "cmiv3m2ab0007mx01q9w8e7r6",
  eventId: envelopeExample.id,
  eventType: "checkout_session.completed",
  endpointId: endpointExample.id,
  status: "succeeded",
  attempts: 1,
  lastStatusCode: 200,
  lastError: null,
  lastDurationMs: 84,
  nextAttemptAt: null,
  createdAt: T0,
  updatedAt: T1,
  completedAt: T1,
  isTest: false,
};

export const attemptExample = {
  id: "cmiv3m2ac0008mx01z1x2c3v4",
  attemptNumber: 1,
  createdAt: T1,
  durationMs: 84,
  request: {
    headers: {
      "content-type": "application/json",
      "user-agent": "DashX-Webhooks/1.0",
      "webhook-id": envelopeExample.id,
      "webhook-timestamp": "1796652300",
      "webhook-signature": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
    },
    body: JSON.stringify(envelopeExample),
  },
  response: { status: 200, headers: { "content-type": "text/plain" }, body: "ok" },
  errorKind: null,
  errorMessage: null,
};

export const eventExample = {
  id: envelopeExample.id,
  type: "checkout_session.completed",
  created: envelopeExample.created,
  createdAt: T0,
  isTest: false,
  deliveries: [
    { id: deliveryExample.id, endpointId: endpointExample.id, endpointUrl: endpointExample.url, status: "succeeded", attempts: 1, lastStatusCode: 200, nextAttemptAt: null },
  ],
};

export const apiKeyExample = { id: "cmiv3p0aa0010mx01k2l3m4n5", name: "Order server", prefix: "dsk_7Hq2", lastUsedAt: null, createdAt: T0, revokedAt: null };

export const NEXT_CURSOR = "MjAyNi0xMi0wN1QxNDowNTowMC4wMDBafGNtaXYzbTJhYjAwMDdteDAx";

export const notificationExample = {
  id: "cmiv3r5aa0012mx01n7b8v9c0",
  type: "endpoint.failing",
  endpointId: endpointExample.id,
  title: `Failing: ${endpointExample.url} keeps failing`,
  body: "4 deliveries in a row failed (failing since 7 Dec 2026, 13:45 UTC). They are retried with backoff. Last error: The endpoint answered HTTP 500.",
  createdAt: T0,
  readAt: null,
};

export const operationalWebhookExample = {
  url: "https://example.com/webhooks/dashx-ops",
  eventTypes: ["endpoint.failing", "endpoint.paused", "endpoint.disabled", "endpoint.recovered", "delivery.exhausted", "endpoint.signature_unverified"],
  status: "enabled",
  createdAt: T0,
};
