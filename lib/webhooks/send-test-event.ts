import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { attemptDelivery, type AttemptOutcome } from "@/lib/delivery/attempt";
import { env } from "@/lib/env";
import { buildEnvelope, sampleEventData, type EventType } from "@/lib/events/catalog";
import { getEndpointRow } from "./get-endpoint";

export type TestEventResult = Omit<AttemptOutcome, "errorKind"> & { eventId: string; errorKind: AttemptOutcome["errorKind"] };

/**
 * Sends one signed sample event to the endpoint now, through the same attempt path as real events.
 * The delivery row is created already leased to this request, so the worker never sends it twice.
 */
export async function sendTestEvent(merchantId: string, endpointId: string, type: EventType): Promise<TestEventResult> {
  const endpoint = await getEndpointRow(merchantId, endpointId);
  const envelope = buildEnvelope(type, sampleEventData(type));
  const leaseOwner = `test:${randomUUID()}`;
  const delivery = await db.delivery.create({
    data: {
      merchantId,
      endpoint: { connect: { id: endpoint.id } },
      leaseOwner,
      leaseUntil: new Date(Date.now() + env().WEBHOOK_TIMEOUT_MS + 30_000),
      event: {
        create: { id: envelope.id, merchant: { connect: { id: merchantId } }, type, payload: JSON.stringify(envelope), isTest: true, createdAt: new Date(envelope.created) },
      },
    },
  });
  const outcome = await attemptDelivery(delivery.id, { leaseOwner, maxAttempts: 1, ignoreEndpointStatus: true });
  if (!outcome) throw new Error("Test delivery vanished before it was sent");
  return { eventId: envelope.id, ...outcome };
}
