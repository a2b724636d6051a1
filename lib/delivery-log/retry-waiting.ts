// Retry now: deliveries of one endpoint waiting on a scheduled retry (pending, due later) become due
// now, as a Resend would make them, instead of waiting out the backoff. Recover leaves these alone
// (it sends again what has failed for good); this is its companion in the same dialog.
import { ApiError } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { recoverSchema, type RecoverInput } from "@/lib/validation/operations";
import { chargeManualSend } from "@/lib/security/manual-send-budget";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { recoverResultSchema, recoverStartedSchema, type RecoverResult, type RecoverStarted } from "./public-operations";
import { oneAtATime, requeueTracked } from "./recover-track";

const waitingSince = (merchantId: string, endpointId: string, since: Date, now: Date) => ({
  merchantId,
  endpointId,
  status: "pending",
  createdAt: { gte: since },
  nextAttemptAt: { gt: now },
  retryRequest: null, // already asked for: due now, not waiting
  OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }], // not being sent right now
  event: { isTest: false },
});

/** Dry run: how many are waiting on a retry. Otherwise moves them forward and says how many, tracked as a recovery. */
export async function retryWaitingDeliveries(merchantId: string, endpointId: string, input: RecoverInput, actor: Actor = SYSTEM_ACTOR): Promise<RecoverResult | RecoverStarted> {
  const { since, dryRun } = recoverSchema.parse(input);
  const endpoint = await getEndpointRow(merchantId, endpointId);
  const where = () => waitingSince(merchantId, endpoint.id, since, new Date());
  if (dryRun) return recoverResultSchema.parse({ count: await db.delivery.count({ where: where() }) });
  if (endpoint.status !== "enabled") throw new ApiError("conflict", "This endpoint is disabled. Enable it, then retry its deliveries.");
  return oneAtATime(endpoint.id, async () => {
    // The same budgets as Recover and test sends: per merchant and per target host.
    await chargeManualSend(merchantId, endpoint.url);
    const { count, recoveryId } = await requeueTracked(merchantId, endpoint.id, where(), since);
    await recordAudit({ merchantId, endpointId: endpoint.id, actor, action: "deliveries.retried_now", detail: { since: since.toISOString(), count, recoveryId } });
    return recoverStartedSchema.parse({ count, recoveryId });
  });
}
