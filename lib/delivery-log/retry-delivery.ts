import { ApiError, notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { chargeManualSend } from "@/lib/security/manual-send-budget";
import { resendResultSchema, type ResendResult } from "./public-operations";
import { requeueDeliveries } from "./requeue-deliveries";

/**
 * Queues a delivery to be sent again now (Resend). A delivery currently being sent keeps its lease and
 * the resend answers 409; anything else (succeeded, failed, waiting for a retry) becomes due immediately.
 */
export async function retryDelivery(merchantId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<ResendResult> {
  const target = await db.delivery.findFirst({ where: { id, merchantId }, select: { endpoint: { select: { url: true } } } });
  if (!target) throw notFound("Delivery");
  // A manual send like a test send: the same per-merchant and per-host budget. A test delivery sent
  // again is still sent once and never retried (lib/delivery/deliver.ts).
  await chargeManualSend(merchantId, target.endpoint.url);
  const queued = await requeueDeliveries(merchantId, [id]);
  if (queued === 0) {
    // Leased: an attempt is running right now. Nothing was queued, so nothing is audited.
    throw new ApiError("conflict", "This delivery is being sent right now; resend it after the attempt finishes");
  }
  const delivery = await db.delivery.findFirst({ where: { id, merchantId }, select: { endpointId: true, eventId: true } });
  if (delivery) await recordAudit({ merchantId, endpointId: delivery.endpointId, actor, action: "delivery.resent", detail: { deliveryId: id, eventId: delivery.eventId } });
  return resendResultSchema.parse({ id, status: "pending" });
}
