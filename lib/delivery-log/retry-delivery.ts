import { ApiError, notFound } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { deliveryStore } from "@/lib/delivery/store";
import { resendResultSchema, type ResendResult } from "./public-operations";

/**
 * The one requeue (Resend and Recover both come here): the given deliveries of this merchant become
 * due now, with the same event (same webhook-id, same bytes), and each gets a RetryRequest row: an
 * explicit request, which the worker sends even while the endpoint's circuit breaker is open. A
 * delivery currently being sent keeps its lease and is left out. Returns how many were queued.
 */
export async function requeueDeliveries(merchantId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const now = new Date();
  const queued = await db.$transaction(async (tx) => {
    const free = await tx.delivery.findMany({
      where: { id: { in: ids }, merchantId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      select: { id: true, endpointId: true },
    });
    if (free.length === 0) return 0;
    const result = await tx.delivery.updateMany({
      where: { id: { in: free.map((d) => d.id) }, merchantId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { status: "pending", nextAttemptAt: now, completedAt: null, leaseOwner: null, leaseUntil: null },
    });
    await tx.retryRequest.deleteMany({ where: { deliveryId: { in: free.map((d) => d.id) } } });
    await tx.retryRequest.createMany({ data: free.map((d) => ({ deliveryId: d.id, endpointId: d.endpointId, createdAt: now })) });
    return result.count;
  });
  if (queued > 0) await (await deliveryStore()).notify();
  return queued;
}

/**
 * Queues a delivery to be sent again now (Resend). A delivery currently being sent keeps its lease and
 * the resend answers 409; anything else (succeeded, failed, waiting for a retry) becomes due immediately.
 */
export async function retryDelivery(merchantId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<ResendResult> {
  const queued = await requeueDeliveries(merchantId, [id]);
  if (queued === 0) {
    const exists = await db.delivery.count({ where: { id, merchantId } });
    if (!exists) throw notFound("Delivery");
    // Leased: an attempt is running right now. Nothing was queued, so nothing is audited.
    throw new ApiError("conflict", "This delivery is being sent right now; resend it after the attempt finishes");
  }
  const delivery = await db.delivery.findFirst({ where: { id, merchantId }, select: { endpointId: true, eventId: true } });
  if (delivery) await recordAudit({ merchantId, endpointId: delivery.endpointId, actor, action: "delivery.resent", detail: { deliveryId: id, eventId: delivery.eventId } });
  return resendResultSchema.parse({ id, status: "pending" });
}
