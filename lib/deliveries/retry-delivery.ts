import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { notifyNewDeliveries } from "@/lib/delivery/wakeup";

/**
 * Queues a delivery to be sent again now (Resend). A delivery currently being sent keeps its lease;
 * anything else (succeeded, failed, waiting for a retry) becomes due immediately.
 */
export async function retryDelivery(merchantId: string, id: string): Promise<{ id: string; status: "pending" }> {
  const now = new Date();
  const result = await db.delivery.updateMany({
    where: { id, merchantId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { status: "pending", nextAttemptAt: now, completedAt: null, leaseOwner: null, leaseUntil: null },
  });
  if (result.count === 0) {
    const exists = await db.delivery.count({ where: { id, merchantId } });
    if (!exists) throw notFound("Delivery");
  }
  notifyNewDeliveries();
  return { id, status: "pending" };
}
