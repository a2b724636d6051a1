import { db } from "@/lib/db/client";
import { deliveryStore } from "@/lib/delivery/store";

/**
 * The one requeue (Resend and Recover both come here): the given deliveries of this merchant become
 * due now, with the same event (same webhook-id, same bytes), and each gets a RetryRequest row: an
 * explicit request, which the worker sends even while the endpoint's circuit breaker is open. A
 * delivery currently being sent keeps its lease and is left out. Returns how many were queued.
 * It changes no endpoint state and so raises no notification: the attempts it causes do, through the
 * recorder (lib/delivery/endpoint-change.ts), e.g. endpoint.recovered when a resent delivery succeeds.
 */
export async function requeueDeliveries(merchantId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const now = new Date();
  const queued = await db.$transaction(async (tx) => {
    // One statement reads and requeues, so a row a worker leased (or a purge removed) since cannot get a
    // RetryRequest: only the rows this UPDATE changed (and now holds locked) do.
    const requeued = await tx.delivery.updateManyAndReturn({
      where: { id: { in: ids }, merchantId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { status: "pending", nextAttemptAt: now, completedAt: null, leaseOwner: null, leaseUntil: null },
      select: { id: true, endpointId: true },
    });
    if (requeued.length === 0) return 0;
    await tx.retryRequest.deleteMany({ where: { deliveryId: { in: requeued.map((d) => d.id) } } });
    await tx.retryRequest.createMany({ data: requeued.map((d) => ({ deliveryId: d.id, endpointId: d.endpointId, createdAt: now })) });
    return requeued.length;
  });
  if (queued > 0) await (await deliveryStore()).notify();
  return queued;
}
