// Health at a glance: an endpoint's real (non-test) attempts per hour (24 h) or per day (7 d), the
// share that succeeded and latency percentiles, read from the AttemptStat rollup (one row per endpoint,
// hour and latency bucket, written with each attempt): 7 days are at most a few thousand rows however
// many attempts they held. Percentiles are exact below 100 ms and within 10 % above (latencyBucket).
import { db } from "@/lib/db/client";
import type { StatsWindow } from "@/lib/validation/operations";

import { endpointWindowStatsSchema, type EndpointWindowStats } from "./public-operations";
export type { EndpointWindowStats, StatsBucket } from "./public-operations";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Buckets are UTC-aligned; the rollup's hour is ISO text ("2026-12-02T14"), so a prefix of it is the bucket key.
const SHAPE: Record<StatsWindow, { size: number; count: number; keyLength: number }> = {
  "24h": { size: HOUR, count: 24, keyLength: 13 }, // "2026-12-02T14"
  "7d": { size: DAY, count: 7, keyLength: 10 }, // "2026-12-02"
};

/** Nearest-rank percentile over a histogram of (value, count) sorted by value. */
export function percentile(histogram: Array<{ ms: number; n: number }>, p: number): number | null {
  const total = histogram.reduce((sum, h) => sum + h.n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const h of histogram) {
    seen += h.n;
    if (seen >= rank) return h.ms;
  }
  return histogram[histogram.length - 1].ms;
}

export async function endpointWindowStats(merchantId: string, endpointId: string, window: StatsWindow, now = new Date()): Promise<EndpointWindowStats> {
  const { size, count, keyLength } = SHAPE[window];
  const first = Math.floor(now.getTime() / size) * size - (count - 1) * size;
  const from = new Date(first).toISOString().slice(0, 13);
  const where = { endpointId, merchantId, hour: { gte: from } };
  // Two small GROUP BYs through Prisma (either database): hours (at most 168 rows) and latency buckets.
  const [hours, latencies] = await Promise.all([
    db.attemptStat.groupBy({ by: ["hour"], where, _sum: { succeeded: true, failed: true } }),
    db.attemptStat.groupBy({ by: ["latencyMs"], where, _sum: { succeeded: true, failed: true }, orderBy: { latencyMs: "asc" } }),
  ]);
  const byKey = new Map<string, { bucket: string; succeeded: number; failed: number }>();
  for (const h of hours) {
    const bucket = h.hour.slice(0, keyLength);
    let row = byKey.get(bucket);
    if (!row) byKey.set(bucket, (row = { bucket, succeeded: 0, failed: 0 }));
    row.succeeded += h._sum.succeeded ?? 0;
    row.failed += h._sum.failed ?? 0;
  }
  const histogram = latencies.map((l) => ({ ms: l.latencyMs, n: (l._sum.succeeded ?? 0) + (l._sum.failed ?? 0) }));
  const buckets = Array.from({ length: count }, (_, i) => {
    const start = new Date(first + i * size).toISOString();
    const row = byKey.get(start.slice(0, keyLength));
    return { start, succeeded: row?.succeeded ?? 0, failed: row?.failed ?? 0 };
  });
  const succeeded = buckets.reduce((s, b) => s + b.succeeded, 0);
  const total = succeeded + buckets.reduce((s, b) => s + b.failed, 0);
  return endpointWindowStatsSchema.parse({ buckets, successRate: total === 0 ? null : succeeded / total, p50Ms: percentile(histogram, 0.5), p95Ms: percentile(histogram, 0.95) });
}
