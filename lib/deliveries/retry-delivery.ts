import { notFound } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { notifyNewDeliveries } from "@/lib/delivery/wakeup";

/**
 * The one requeue (Resend and Recover both come here): the given deliveries of this merchant become
 * due now, with the same event (same webhook-id, same bytes). A delivery currently being sent keeps
 * its lease and is left out. Returns how many were queued.
 */
export async function requeueDeliveries(merchantId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const now = new Date();
  const result = await db.delivery.updateMany({
    where: { id: { in: ids }, merchantId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { status: "pending", nextAttemptAt: now, completedAt: null, leaseOwner: null, leaseUntil: null },
  });
  if (result.count > 0) notifyNewDeliveries();
  return result.count;
}

/**
 * Queues a delivery to be sent again now (Resend). A delivery currently being sent keeps its lease;
 * anything else (succeeded, failed, waiting for a retry) becomes due immediately.
 */
export async function retryDelivery(merchantId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<{ id: string; status: "pending" }> {
  const queued = await requeueDeliveries(merchantId, [id]);
  if (queued === 0) {
    const exists = await db.delivery.count({ where: { id, merchantId } });
    if (!exists) throw notFound("Delivery");
  }
  const delivery = await db.delivery.findFirst({ where: { id, merchantId }, select: { endpointId: true, eventId: true } });
  if (delivery) await recordAudit({ merchantId, endpointId: delivery.endpointId, actor, action: "delivery.resent", detail: { deliveryId: id, eventId: delivery.eventId } });
  return { id, status: "pending" };
}
