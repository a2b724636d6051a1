import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { recoverProgressSchema, recoveryProgressSchema } from "@/lib/validation/operations";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { publicRecoverProgressSchema, publicRecoveryProgressSchema, type PublicRecoverProgress, type PublicRecoveryProgress } from "./public-operations";

/**
 * For the dialog's progress. With `recovery`: exactly the deliveries that recovery queued. With
 * `since` (the older form): this endpoint's real deliveries created since then, still pending or failed.
 */
export async function recoverProgress(merchantId: string, endpointId: string, query: Partial<Record<"since" | "recovery", string>>): Promise<PublicRecoverProgress | PublicRecoveryProgress> {
  const endpoint = await getEndpointRow(merchantId, endpointId); // first: another merchant's id is a 404, whatever the query
  if (query.recovery !== undefined) return trackedProgress(merchantId, endpoint.id, recoveryProgressSchema.parse(query).recovery);
  const { since } = recoverProgressSchema.parse(query);
  const base = { merchantId, endpointId: endpoint.id, createdAt: { gte: since }, event: { isTest: false } };
  const [pending, failed] = await Promise.all([
    db.delivery.count({ where: { ...base, status: "pending" } }),
    db.delivery.count({ where: { ...base, status: "failed" } }),
  ]);
  return publicRecoverProgressSchema.parse({ pending, failed });
}

async function trackedProgress(merchantId: string, endpointId: string, recoveryId: string): Promise<PublicRecoveryProgress> {
  const recovery = await db.recovery.findFirst({ where: { id: recoveryId, merchantId, endpointId }, select: { id: true, createdAt: true } });
  if (!recovery) throw notFound("Recovery");
  const inSet = { merchantId, endpointId, recoveries: { some: { recoveryId: recovery.id } } };
  const [total, sent, failed] = await Promise.all([
    // Counted through the deliveries themselves: a row the retention purge removed drops out of every count.
    db.delivery.count({ where: inSet }),
    db.delivery.count({ where: { ...inSet, status: "succeeded" } }),
    // Failed again: closed as failed, or attempted since the recovery and now waiting on its next
    // retry (a delivery moved forward by Retry now still has retries left), and not queued again since.
    db.delivery.count({
      where: { ...inSet, OR: [{ status: "failed" }, { status: "pending", retryRequest: null, attempts: { some: { createdAt: { gte: recovery.createdAt } } } }] },
    }),
  ]);
  const pending = Math.max(0, total - sent - failed);
  return publicRecoveryProgressSchema.parse({ recoveryId: recovery.id, total, sent, failed, pending, finished: pending === 0 });
}
