import { randomUUID } from "node:crypto";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { deliver } from "@/lib/delivery/deliver";
import { deliveryStore } from "@/lib/delivery/store";
import { env } from "@/lib/env";
import { hourStart, notificationDataSchema, type EndpointNotificationKind, type NotificationData } from "@/lib/notifications/kinds";
import { chargeManualSend } from "@/lib/security/manual-send-budget";
import { findOperationalEndpoint, noOperationalWebhook } from "./get-operational-webhook";
import { testEventResultSchema, type TestEventResult } from "./public-test-result";

/** A made-up endpoint in trouble, so the receiver sees every field a real notice of `kind` carries. */
function exampleData(kind: EndpointNotificationKind, now: Date): NotificationData {
  const since = new Date(now.getTime() - 20 * 60_000).toISOString();
  const base = { endpointId: "ep_test_example", url: "https://shop.example/hooks", description: "Example endpoint (test notification)" };
  const examples: Record<EndpointNotificationKind, NotificationData> = {
    "endpoint.failing": { ...base, state: "failing", lastError: "The endpoint answered HTTP 500", since, count: 4 },
    "endpoint.paused": { ...base, state: "paused", lastError: "Connection refused", since, pausedUntil: new Date(now.getTime() + 5 * 60_000).toISOString() },
    "endpoint.disabled": { ...base, state: "disabled", lastError: "The endpoint answered HTTP 410", since, actor: "system", reason: "The endpoint answered 410 Gone" },
    "endpoint.recovered": { ...base, state: "ok", lastError: null, since },
    "delivery.exhausted": { ...base, state: "failing", lastError: "The endpoint answered HTTP 500", since: hourStart(now).toISOString(), count: 37 },
    "endpoint.signature_unverified": { ...base, state: "ok", lastError: null },
  };
  return notificationDataSchema.parse(examples[kind]);
}

/**
 * POST /api/v1/operational-webhook/test: one signed example notification (`{type, timestamp, data}`,
 * the operational wire shape) sent now through the same path as Send Test Event: a test delivery leased
 * to this request, in the operational webhook's delivery log, never retried, on the manual-send budget.
 */
export async function testOperationalWebhook(merchantId: string, kind: EndpointNotificationKind, actor: Actor = SYSTEM_ACTOR): Promise<TestEventResult> {
  const endpoint = await findOperationalEndpoint(merchantId);
  if (!endpoint) throw noOperationalWebhook();
  await chargeManualSend(merchantId, endpoint.url);
  const now = new Date();
  const id = randomUUID();
  const payload = JSON.stringify({ type: kind, timestamp: now.toISOString(), data: exampleData(kind, now) });
  const leaseOwner = `test:${randomUUID()}`;
  const job = await (await deliveryStore()).publishTest(
    { id, merchantId, type: kind, payload, isTest: true, idempotencyKey: null, requestHash: null, createdAt: now },
    endpoint.id,
    leaseOwner,
    new Date(Date.now() + env().WEBHOOK_TIMEOUT_MS + 30_000),
  );
  const { plan: _plan, ...outcome } = await deliver(job, { maxAttempts: 1, ignoreEndpointStatus: true });
  await recordAudit({ merchantId, endpointId: endpoint.id, actor, action: "operational_webhook.tested", detail: { type: kind, delivered: outcome.delivered, statusCode: outcome.statusCode } });
  return testEventResultSchema.parse({ eventId: id, ...outcome });
}
