// The operational webhook: a notification becomes an Event (type = the kind, payload {type, timestamp,
// data}) and one Delivery for the merchant's kind = "operational" endpoint only, so the durable engine
// signs, retries, logs and resends it like any webhook. Written inside the dispatcher's transaction.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/client";
import { newId } from "@/lib/delivery/ids";
import { isSecurityKind, type NotificationData, type NotificationKind } from "./kinds";

export type OperationalEndpoint = { id: string; eventTypes: unknown };

/** The Standard Webhooks style body an operational endpoint receives. */
export type OperationalPayload = { type: NotificationKind; timestamp: string; data: NotificationData };

/**
 * Whether this notice goes to the operational endpoint: never a security notice, never a notice about
 * the operational endpoint itself (its own trouble would feed itself), and only kinds its filter takes
 * (an empty filter takes every kind).
 */
export function wantsOperational(endpoint: OperationalEndpoint, kind: NotificationKind, aboutEndpointId: string | null): boolean {
  if (isSecurityKind(kind) || aboutEndpointId === endpoint.id) return false;
  const types = Array.isArray(endpoint.eventTypes) ? (endpoint.eventTypes as unknown[]) : [];
  return types.length === 0 || types.includes(kind);
}

/** The body as sent, keys in this order (the event catalog's examples are built with it too). */
export function operationalPayload(kind: NotificationKind, data: NotificationData, count: number, at: Date): OperationalPayload {
  return { type: kind, timestamp: at.toISOString(), data: kind === "delivery.exhausted" ? { ...data, count } : data };
}

export async function queueOperationalDelivery(
  tx: Prisma.TransactionClient,
  input: { merchantId: string; endpointId: string; kind: NotificationKind; data: NotificationData; count: number; at: Date },
): Promise<string> {
  const payload = operationalPayload(input.kind, input.data, input.count, input.at);
  const eventId = randomUUID(); // the webhook-id header: the same on every retry
  await tx.event.create({ data: { id: eventId, merchantId: input.merchantId, type: input.kind, payload: JSON.stringify(payload), isTest: false, createdAt: input.at } });
  await tx.delivery.create({
    data: { id: newId("dlv_"), eventId, endpointId: input.endpointId, merchantId: input.merchantId, status: "pending", attemptCount: 0, nextAttemptAt: input.at, createdAt: input.at },
  });
  return eventId;
}
