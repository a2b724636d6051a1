import { notFound } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

/** Deletes the endpoint (its deliveries go with it) and frees its slot in the same transaction (merchant kind only: the operational webhook holds no slot). */
export async function deleteEndpoint(merchantId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<void> {
  await db.$transaction(async (tx) => {
    const removed = await tx.endpoint.deleteMany({ where: { id, merchantId, kind: "merchant" } });
    if (removed.count === 0) throw notFound();
    await tx.merchant.update({ where: { id: merchantId }, data: { endpointCount: { decrement: 1 } } });
  });
  // Kept after the endpoint is gone: the audit trail outlives what it describes.
  await recordAudit({ merchantId, endpointId: id, actor, action: "endpoint.deleted" });
}
