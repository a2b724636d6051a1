// publish = the Event row and one Delivery row per matching enabled endpoint, in one transaction
// (lib/delivery/store.ts). The Delivery rows are the outbox: once it commits, every endpoint is owed a delivery.
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { notifyNewDeliveries } from "@/lib/delivery/wakeup";
import { publish } from "@/lib/delivery/store";
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
    const deliveries = await publish({
      id: envelope.id,
      merchantId: input.merchantId,
      type: envelope.type,
      payload: JSON.stringify(envelope),
      isTest: false,
      idempotencyKey: input.idempotencyKey ?? null,
      requestHash: hash,
      createdAt: new Date(envelope.created),
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
