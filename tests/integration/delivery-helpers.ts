// Shared by the delivery-engine integration tests: the platform intake (POST /api/v1/events with the
// platform token), sample event data, signature checks with the `standardwebhooks` library, and the
// merchant API's delivery log, all over real HTTP.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { ReceivedRequest } from "../support/receiver";
import { assertContract } from "./contract";
import type { HttpClient } from "./http-client";

/** The intake token every delivery test passes to its app as PLATFORM_API_TOKEN. */
export const PLATFORM_TOKEN = `dpt_it_${randomBytes(18).toString("base64url")}`;

export const EVENT_TYPES = ["checkout_session.completed", "checkout_session.expired", "checkout_session.canceled"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `data` as the payments core sends it: the checkout session for completed, null otherwise. */
export function eventData(type: EventType, n = 0): unknown {
  if (type !== "checkout_session.completed") return null;
  const now = new Date().toISOString();
  return {
    object: {
      id: `cs_it_${n}_${randomBytes(6).toString("hex")}`,
      createdAt: now,
      amountTotal: `${10 + (n % 90)}.${String(n % 100).padStart(2, "0")}`,
      currency: "USDC",
      status: "completed",
      customer_id: `cus_${n}`,
      transaction_hash: `0x${randomBytes(32).toString("hex")}`,
      payment_link_id: "pl_it",
      payment_link_title: "Integration test link",
      from_address: `0x${randomBytes(20).toString("hex")}`,
      updatedAt: now,
    },
  };
}

export type IntakeResponse = { status: number; body: unknown; text: string; headers: Headers };

/** POST /api/v1/events as the payments core does it. */
export async function intake(
  baseUrl: string,
  body: unknown,
  { token = PLATFORM_TOKEN, idempotencyKey, raw }: { token?: string | null; idempotencyKey?: string; raw?: string } = {},
): Promise<IntakeResponse> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
  const res = await fetch(`${baseUrl}/api/v1/events`, { method: "POST", headers, body: raw ?? JSON.stringify(body) });
  const text = await res.text();
  assertContract("POST", "/api/v1/events", res.status, res.headers.get("content-type"), text);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

export type Published = { id: string; deliveries: number; type: EventType };

/** Publishes one event and insists on the 202. */
export async function publish(baseUrl: string, merchantId: string, type: EventType, n = 0, idempotencyKey?: string): Promise<Published> {
  const res = await intake(baseUrl, { merchantId, type, data: eventData(type, n) }, { idempotencyKey });
  if (res.status !== 202) throw new Error(`intake answered ${res.status}: ${res.text}`);
  const { id, deliveries } = res.body as { id: string; deliveries: number };
  return { id, deliveries, type };
}

/** Publishes `count` events of rotating types, `batch` requests in flight at a time. */
export async function publishMany(baseUrl: string, merchantId: string, count: number, batch = 25): Promise<Published[]> {
  const out: Published[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const n = next++;
      out[n] = await publish(baseUrl, merchantId, EVENT_TYPES[n % EVENT_TYPES.length], n);
    }
  };
  await Promise.all(Array.from({ length: batch }, lane));
  return out;
}

/** What a merchant does with each request: verify the raw body with the endpoint's secret. Throws if it does not verify. */
export function verifySigned(request: ReceivedRequest, secret: string): unknown {
  return new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  });
}

export const webhookId = (request: ReceivedRequest) => String(request.headers["webhook-id"]);

/** Received requests grouped by webhook-id, in arrival order. */
export function byWebhookId(requests: ReceivedRequest[]): Map<string, ReceivedRequest[]> {
  const groups = new Map<string, ReceivedRequest[]>();
  for (const r of requests) {
    const id = webhookId(r);
    const list = groups.get(id);
    if (list) list.push(r);
    else groups.set(id, [r]);
  }
  return groups;
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// The merchant API's delivery log (DESIGN §4).

export type DeliverySummary = {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  status: "pending" | "retrying" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
  isTest: boolean;
};

export type AttemptView = {
  id: string;
  attemptNumber: number;
  createdAt: string;
  durationMs: number;
  request: { headers: Record<string, string> | null; body: string };
  response: { status: number | null; headers: Record<string, string> | null; body: string | null } | null;
  errorKind: string | null;
  errorMessage: string | null;
};

export type DeliveryDetail = DeliverySummary & { attemptLog: AttemptView[] };

/** Every page of GET /api/v1/webhooks/{id}/deliveries, following nextCursor. */
export async function allDeliveries(client: HttpClient, endpointId: string, query = ""): Promise<DeliverySummary[]> {
  const out: DeliverySummary[] = [];
  let cursor: string | null = null;
  do {
    const qs = new URLSearchParams({ limit: "100", ...(cursor && { cursor }) }).toString();
    const res = await client.get(`/api/v1/webhooks/${endpointId}/deliveries?${qs}${query ? `&${query}` : ""}`);
    if (res.status !== 200) throw new Error(`deliveries answered ${res.status}: ${res.text}`);
    const page = res.body as { data: DeliverySummary[]; nextCursor: string | null };
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export async function getDelivery(client: HttpClient, id: string): Promise<DeliveryDetail> {
  const res = await client.get(`/api/v1/deliveries/${id}`);
  if (res.status !== 200) throw new Error(`GET delivery answered ${res.status}: ${res.text}`);
  return res.body as DeliveryDetail;
}
