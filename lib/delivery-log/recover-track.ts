// The shared half of Recover and Retry now: one at a time per endpoint, requeue in batches, and
// remember exactly which deliveries were queued (a Recovery and its RecoveryDelivery rows), so the
// dialog's progress counts that set and nothing else.
import { ApiError } from "@/lib/api/errors";
import { db, type Prisma } from "@/lib/db/client";
import { newId } from "@/lib/delivery/ids";
import { requeueDeliveries } from "./requeue-deliveries";

const BATCH = 500;
// Endpoints with a recover or retry-now running in this process. Checked and filled with no await
// between, so two concurrent requests cannot both pass.
const globalForRecover = globalThis as unknown as { dashxRecovering?: Set<string> };
const recovering = (globalForRecover.dashxRecovering ??= new Set());

export const stillSending = () =>
  new ApiError("conflict", "A previous recover of this endpoint is still sending. Wait until its deliveries have been attempted, then recover again.");

/** Runs `fn` as this endpoint's only recover in this process; a second one meanwhile answers 409. */
export async function oneAtATime<T>(endpointId: string, fn: () => Promise<T>): Promise<T> {
  if (recovering.has(endpointId)) throw stillSending();
  recovering.add(endpointId);
  try {
    return await fn();
  } finally {
    recovering.delete(endpointId);
  }
}

/**
 * Requeues every delivery matching `where` (id order, in batches, so a large outage never holds the
 * database in one long write) and records the set as one Recovery. Returns how many were queued and
 * the recovery's id (null when nothing was).
 */
export async function requeueTracked(merchantId: string, endpointId: string, where: Prisma.DeliveryWhereInput, since: Date): Promise<{ count: number; recoveryId: string | null }> {
  // The set's clock: an attempt at or after this moment is an attempt of the recovery. Taken before
  // the first requeue, since the worker may send a row before the Recovery row is written.
  const startedAt = new Date();
  let recoveryId: string | null = null;
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const ids = (
      await db.delivery.findMany({ where: { AND: [where, { merchantId, endpointId }, after !== undefined ? { id: { gt: after } } : {}] }, select: { id: true }, orderBy: { id: "asc" }, take: BATCH })
    ).map((d) => d.id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    const queued = await requeueDeliveries(merchantId, ids);
    if (queued === 0) continue; // every one of them is being sent right now by someone else
    count += queued;
    // requeueDeliveries says only how many it queued. It leaves out a row only if a worker leased it
    // between the read above and its update (a concurrent Resend sent it first): then the whole batch
    // is kept, since every row of it is being sent again since this recovery started either way.
    const id: string = recoveryId ?? newId("rcv_");
    const rows = ids.map((deliveryId) => ({ recoveryId: id, deliveryId }));
    await db.$transaction(
      recoveryId === null
        ? [db.recovery.create({ data: { id, merchantId, endpointId, since, deliveryCount: ids.length, createdAt: startedAt } }), db.recoveryDelivery.createMany({ data: rows })]
        : [db.recovery.update({ where: { id }, data: { deliveryCount: { increment: ids.length } } }), db.recoveryDelivery.createMany({ data: rows })],
    );
    recoveryId = id;
  }
  return { count, recoveryId };
}
