import { db } from "@/lib/db/client";
import { FAILING_AFTER } from "./endpoint-state";

/**
 * Real attempts that failed in a row, counted up to FAILING_AFTER: the breaker's consecutiveFailures
 * counts only unanswered attempts, so an endpoint answering 500 would never add up there. Every attempt
 * since `failingSince` failed (a success clears it), so the count is a bounded read, and none at all
 * for an endpoint that is not failing.
 */
export async function failuresInARow(merchantId: string, endpointId: string): Promise<number> {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, merchantId }, select: { failingSince: true } });
  if (!endpoint?.failingSince) return 0;
  return db.attempt.count({
    where: { createdAt: { gte: endpoint.failingSince }, delivery: { endpointId, merchantId, event: { isTest: false } } },
    take: FAILING_AFTER,
  });
}
