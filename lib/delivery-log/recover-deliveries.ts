// Recover: send again every failed delivery of one endpoint created at or after a time (after an
// outage on the merchant's side). Requeues through the same function as Resend.
import { ApiError } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { recoverProgressSchema, recoverSchema, type RecoverInput } from "@/lib/validation/operations";
import { chargeManualSend } from "@/lib/security/manual-send-budget";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { publicRecoverProgressSchema, recoverResultSchema, type RecoverResult } from "./public-operations";
import { requeueDeliveries } from "./requeue-deliveries";

const BATCH = 500;
// Endpoints with a recover running in this process (the check below then sees its RetryRequest rows).
const globalForRecover = globalThis as unknown as { dashxRecovering?: Set<string> };
const recovering = (globalForRecover.dashxRecovering ??= new Set());

const failedSince = (merchantId: string, endpointId: string, since: Date) => ({
  merchantId,
  endpointId,
  status: "failed",
  createdAt: { gte: since },
  event: { isTest: false }, // test sends are never retried, so never recovered either
});

/**
 * Dry run: how many would be sent again, sending nothing. Otherwise requeues them (in batches, so a
 * large outage never holds the database in one long write) and says how many. A second call finds
 * only what failed again since, so it is safe to repeat.
 */
export async function recoverDeliveries(merchantId: string, endpointId: string, input: RecoverInput, actor: Actor = SYSTEM_ACTOR): Promise<RecoverResult> {
  const { since, dryRun } = recoverSchema.parse(input);
  const endpoint = await getEndpointRow(merchantId, endpointId);
  const where = failedSince(merchantId, endpoint.id, since);
  if (dryRun) return recoverResultSchema.parse({ count: await db.delivery.count({ where }) });
  // The worker closes a disabled endpoint's deliveries unsent: recovering them would only fail them again.
  if (endpoint.status !== "enabled") throw new ApiError("conflict", "This endpoint is disabled. Enable it, then recover its failed deliveries.");
  // One recover at a time per endpoint: this process's in-flight ones, then any whose set (or a
  // Resend) still waits for its attempt (a RetryRequest row lives until the worker sends it).
  // The Set is checked and filled with no await between, so concurrent requests cannot both pass.
  if (recovering.has(endpoint.id)) throw stillSending();
  recovering.add(endpoint.id);
  try {
    if ((await db.retryRequest.count({ where: { endpointId: endpoint.id } })) > 0) throw stillSending();
    await chargeManualSend(merchantId, endpoint.url);
    return await requeueFailed(merchantId, endpoint.id, where, since, actor);
  } finally {
    recovering.delete(endpoint.id);
  }
}

const stillSending = () =>
  new ApiError("conflict", "A previous recover of this endpoint is still sending. Wait until its deliveries have been attempted, then recover again.");

async function requeueFailed(merchantId: string, endpointId: string, where: ReturnType<typeof failedSince>, since: Date, actor: Actor): Promise<RecoverResult> {
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const ids = (
      await db.delivery.findMany({ where: { ...where, ...(after !== undefined && { id: { gt: after } }) }, select: { id: true }, orderBy: { id: "asc" }, take: BATCH })
    ).map((d) => d.id);
    if (ids.length === 0) break;
    count += await requeueDeliveries(merchantId, ids);
    after = ids[ids.length - 1];
  }
  await recordAudit({ merchantId, endpointId, actor, action: "deliveries.recovered", detail: { since: since.toISOString(), count } });
  return recoverResultSchema.parse({ count });
}
