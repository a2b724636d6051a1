import { db } from "@/lib/db/client";

export type EndpointStats = { succeeded: number; failed: number; successRate: number | null };

const WINDOW_MS = 24 * 3_600_000;

/**
 * Per endpoint, finished real (non-test) deliveries of the last 24 h and the share that succeeded;
 * successRate is null when nothing finished in the window.
 */
export async function endpointStats(merchantId: string, now = new Date()): Promise<Map<string, EndpointStats>> {
  const groups = await db.delivery.groupBy({
    by: ["endpointId", "status"],
    where: { merchantId, status: { in: ["succeeded", "failed"] }, createdAt: { gte: new Date(now.getTime() - WINDOW_MS) }, event: { isTest: false } },
    _count: { _all: true },
  });
  const stats = new Map<string, EndpointStats>();
  for (const g of groups) {
    const s = stats.get(g.endpointId) ?? { succeeded: 0, failed: 0, successRate: null };
    if (g.status === "succeeded") s.succeeded += g._count._all;
    else s.failed += g._count._all;
    s.successRate = s.succeeded / (s.succeeded + s.failed);
    stats.set(g.endpointId, s);
  }
  return stats;
}
