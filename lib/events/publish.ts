// publish = the Event row and one Delivery row per matching enabled endpoint, in one transaction
// (DeliveryStore.publish, lib/delivery/store.ts). The Delivery rows are the outbox: once it commits, every endpoint is owed a delivery.
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { deliveryStore } from "@/lib/delivery/store";
import { buildEnvelope, type EventEnvelope, type EventType } from "./catalog";

export type PublishInput = { merchantId: string; type: EventType; data: EventEnvelope["data"]; idempotencyKey?: string };
export type PublishResult = { id: string; deliveries: number; replayed: boolean };

const requestHash = (input: PublishInput) => createHash("sha256").update(JSON.stringify([input.type, input.data])).digest("hex");

/**
 * Publishes an event for a merchant: 404 when the merchant does not exist; with an Idempotency-Key
 * already used by this merchant, the same body returns that event (nothing new is queued) and a
 * different body is a 409. The checks and the insert are one transaction, so concurrent requests with
 * one key make one event.
 */
export async function publishEvent(input: PublishInput): Promise<PublishResult> {
  const hash = requestHash(input);
  const envelope = buildEnvelope(input.type, input.data);
  const store = await deliveryStore();
  const outcome = await store.publish({
    id: envelope.id,
    merchantId: input.merchantId,
    type: envelope.type,
    payload: JSON.stringify(envelope),
    isTest: false,
    idempotencyKey: input.idempotencyKey ?? null,
    requestHash: hash,
    createdAt: new Date(envelope.created),
  });
  switch (outcome.kind) {
    case "merchant_not_found":
      throw new ApiError("not_found", "Merchant not found");
    case "replayed":
      if (outcome.requestHash !== hash) throw new ApiError("conflict", "This Idempotency-Key was already used with a different request body");
      return { id: outcome.id, deliveries: outcome.deliveries, replayed: true };
    case "published":
      if (outcome.deliveries > 0) await store.notify();
      return { id: envelope.id, deliveries: outcome.deliveries, replayed: false };
  }
}
