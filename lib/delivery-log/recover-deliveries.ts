// Recover: send again every failed delivery of one endpoint created at or after a time (after an
// outage on the merchant's side). Requeues through the same function as Resend, and remembers the
// set it queued (a Recovery) for the dialog's progress.
import { ApiError } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { recoverSchema, type RecoverInput } from "@/lib/validation/operations";
import { chargeManualSend } from "@/lib/security/manual-send-budget";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { recoverResultSchema, recoverStartedSchema, type RecoverResult, type RecoverStarted } from "./public-operations";
import { oneAtATime, requeueTracked, stillSending } from "./recover-track";

const failedSince = (merchantId: string, endpointId: string, since: Date) => ({
  merchantId,
  endpointId,
  status: "failed",
  createdAt: { gte: since },
  event: { isTest: false }, // test sends are never retried, so never recovered either
});

/**
 * Dry run: how many would be sent again, sending nothing. Otherwise requeues them and says how many,
 * with the id of the recovery that tracks them (GET .../recover?recovery=<id>). A second call finds
 * only what failed again since, so it is safe to repeat.
 */
export async function recoverDeliveries(merchantId: string, endpointId: string, input: RecoverInput, actor: Actor = SYSTEM_ACTOR): Promise<RecoverResult | RecoverStarted> {
  const { since, dryRun } = recoverSchema.parse(input);
  const endpoint = await getEndpointRow(merchantId, endpointId);
  const where = failedSince(merchantId, endpoint.id, since);
  if (dryRun) return recoverResultSchema.parse({ count: await db.delivery.count({ where }) });
  // The worker closes a disabled endpoint's deliveries unsent: recovering them would only fail them again.
  if (endpoint.status !== "enabled") throw new ApiError("conflict", "This endpoint is disabled. Enable it, then recover its failed deliveries.");
  // One recover at a time per endpoint: this process's in-flight ones, then any whose set (or a
  // Resend) still waits for its attempt (a RetryRequest row lives until the worker sends it).
  return oneAtATime(endpoint.id, async () => {
    if ((await db.retryRequest.count({ where: { endpointId: endpoint.id } })) > 0) throw stillSending();
    await chargeManualSend(merchantId, endpoint.url);
    const { count, recoveryId } = await requeueTracked(merchantId, endpoint.id, where, since);
    await recordAudit({ merchantId, endpointId: endpoint.id, actor, action: "deliveries.recovered", detail: { since: since.toISOString(), count, recoveryId } });
    return recoverStartedSchema.parse({ count, recoveryId });
  });
}
