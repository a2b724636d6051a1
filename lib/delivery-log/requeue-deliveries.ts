import { db } from "@/lib/db/client";
import { deliveryStore } from "@/lib/delivery/store";

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
