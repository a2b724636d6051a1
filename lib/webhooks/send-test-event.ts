import { randomUUID } from "node:crypto";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { deliver } from "@/lib/delivery/deliver";
import { deliveryStore } from "@/lib/delivery/store";
import { env } from "@/lib/env";
import { chargeManualSend } from "@/lib/security/manual-send-budget";
import { buildEnvelope, sampleEventData, type EventType } from "@/lib/events/catalog";
import { getEndpointRow } from "./get-endpoint";
import { testEventResultSchema, type TestEventResult } from "./public-test-result";

/**
 * Sends one signed sample event to the endpoint now, through the same delivery path as real events
 * (it appears in the delivery log). Its delivery is created leased to this request, so the worker
 * never sends it too, and it is not retried.
 */
export async function sendTestEvent(merchantId: string, endpointId: string, type: EventType, actor: Actor = SYSTEM_ACTOR): Promise<TestEventResult> {
  const endpoint = await getEndpointRow(merchantId, endpointId);
  await chargeManualSend(merchantId, endpoint.url);
  const envelope = buildEnvelope(type, sampleEventData(type));
  const leaseOwner = `test:${randomUUID()}`;
  const job = await (await deliveryStore()).publishTest(
    { id: envelope.id, merchantId, type, payload: JSON.stringify(envelope), isTest: true, idempotencyKey: null, requestHash: null, createdAt: new Date(envelope.created) },
    endpoint.id,
    leaseOwner,
    new Date(Date.now() + env().WEBHOOK_TIMEOUT_MS + 30_000),
  );
  const { plan: _plan, ...outcome } = await deliver(job, { maxAttempts: 1, ignoreEndpointStatus: true });
  await recordAudit({ merchantId, endpointId: endpoint.id, actor, action: "endpoint.tested", detail: { type, delivered: outcome.delivered, statusCode: outcome.statusCode } });
  return testEventResultSchema.parse({ eventId: envelope.id, ...outcome });
}
