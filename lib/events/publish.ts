// publish = the Event row and one Delivery row per matching enabled endpoint, in one transaction.
// The Delivery rows are the outbox: once this commits, the worker owes every endpoint a delivery.
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { notifyNewDeliveries } from "@/lib/delivery/wakeup";
import { parseEventTypes } from "@/lib/webhooks/endpoint";
import { buildEnvelope, type EventEnvelope, type EventType } from "./catalog";

export type PublishInput = { merchantId: string; type: EventType; data: EventEnvelope["data"]; idempotencyKey?: string };
export type PublishResult = { id: string; deliveries: number; replayed: boolean };

const requestHash = (input: PublishInput) => createHash("sha256").update(JSON.stringify([input.type, input.data])).digest("hex");

async function replay(input: PublishInput, hash: string): Promise<PublishResult | undefined> {
  if (!input.idempotencyKey) return undefined;
  const existing = await db.event.findUnique({
    where: { merchantId_idempotencyKey: { merchantId: input.merchantId, idempotencyKey: input.idempotencyKey } },
    include: { _count: { select: { deliveries: true } } },
  });
  if (!existing) return undefined;
  if (existing.requestHash !== hash) {
    throw new ApiError("conflict", 409, "This Idempotency-Key was already used with a different request body");
  }
  return { id: existing.id, deliveries: existing._count.deliveries, replayed: true };
}

export async function publishEvent(input: PublishInput): Promise<PublishResult> {
  const hash = requestHash(input);
  const previous = await replay(input, hash);
  if (previous) return previous;
  const envelope = buildEnvelope(input.type, input.data);
  try {
    const deliveries = await db.$transaction(async (tx) => {
      await tx.event.create({
        data: {
          id: envelope.id,
          merchantId: input.merchantId,
          type: envelope.type,
          payload: JSON.stringify(envelope),
          idempotencyKey: input.idempotencyKey,
          requestHash: hash,
          createdAt: new Date(envelope.created),
        },
      });
      const endpoints = await tx.endpoint.findMany({
        where: { merchantId: input.merchantId, status: "enabled" },
        select: { id: true, eventTypes: true },
      });
      const matching = endpoints.filter((e) => {
        const types = parseEventTypes(e.eventTypes);
        return types.length === 0 || types.includes(input.type);
      });
      const now = new Date();
      await tx.delivery.createMany({
        data: matching.map((e) => ({ eventId: envelope.id, endpointId: e.id, merchantId: input.merchantId, nextAttemptAt: now })),
      });
      return matching.length;
    });
    if (deliveries > 0) notifyNewDeliveries();
    return { id: envelope.id, deliveries, replayed: false };
  } catch (error) {
    // Two requests raced with the same key: the loser answers with the winner's event.
    const raced = await replay(input, hash).catch(() => undefined);
    if (raced) return raced;
    throw error;
  }
}
