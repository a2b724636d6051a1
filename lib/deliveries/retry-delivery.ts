import { ApiError, notFound } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { notifyNewDeliveries } from "@/lib/delivery/wakeup";

/**
 * Queues a delivery to be sent again now (Resend). A delivery currently being sent keeps its lease and
 * the resend answers 409; anything else (succeeded, failed, waiting for a retry) becomes due immediately.
 */
export async function retryDelivery(merchantId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<{ id: string; status: "pending" }> {
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const updated = await tx.delivery.updateMany({
      where: { id, merchantId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { status: "pending", nextAttemptAt: now, completedAt: null, leaseOwner: null, leaseUntil: null },
    });
    if (updated.count === 1) {
      // An explicit request: the worker sends it even while the endpoint's circuit breaker is open.
      const row = await tx.delivery.findFirstOrThrow({ where: { id, merchantId }, select: { endpointId: true } });
      await tx.retryRequest.upsert({ where: { deliveryId: id }, create: { deliveryId: id, endpointId: row.endpointId }, update: {} });
    }
    return updated;
  });
  if (result.count === 0) {
    const exists = await db.delivery.count({ where: { id, merchantId } });
    if (!exists) throw notFound("Delivery");
    // Leased: an attempt is running right now. Nothing was queued, so nothing is audited.
    throw new ApiError("conflict", 409, "This delivery is being sent right now; resend it after the attempt finishes");
  }
  notifyNewDeliveries();
  const delivery = await db.delivery.findFirst({ where: { id, merchantId }, select: { endpointId: true, eventId: true } });
  if (delivery) await recordAudit({ merchantId, endpointId: delivery.endpointId, actor, action: "delivery.resent", detail: { deliveryId: id, eventId: delivery.eventId } });
  return { id, status: "pending" };
}
