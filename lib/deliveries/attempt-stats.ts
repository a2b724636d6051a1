// Health at a glance: an endpoint's real (non-test) attempts per hour (24 h) or per day (7 d), the
// share that succeeded and latency percentiles, read from the AttemptStat rollup (one row per endpoint,
// hour and latency bucket, written with each attempt): 7 days are at most a few thousand rows however
// many attempts they held. Percentiles are exact below 100 ms and within 10 % above (latencyBucket).
import { dbGate } from "@/lib/db/gate";
import { stmt } from "@/lib/db/sqlite";
import type { StatsWindow } from "@/lib/validation/operations";

export type StatsBucket = { start: string; succeeded: number; failed: number };
export type EndpointWindowStats = { buckets: StatsBucket[]; successRate: number | null; p50Ms: number | null; p95Ms: number | null };

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
  const where = `"endpointId" = ? AND "merchantId" = ? AND "hour" >= ?`;
  const [rows, histogram] = await dbGate.run(() => [
    stmt(
      `SELECT substr("hour", 1, ${keyLength}) AS bucket, SUM("succeeded") AS succeeded, SUM("failed") AS failed
       FROM "AttemptStat" WHERE ${where} GROUP BY bucket`,
    ).all(endpointId, merchantId, from) as Array<{ bucket: string; succeeded: number; failed: number }>,
    stmt(`SELECT "latencyMs" AS ms, SUM("succeeded" + "failed") AS n FROM "AttemptStat" WHERE ${where} GROUP BY "latencyMs" ORDER BY "latencyMs"`).all(
      endpointId,
      merchantId,
      from,
    ) as Array<{ ms: number; n: number }>,
  ]);
  const byKey = new Map(rows.map((r) => [r.bucket, r]));
  const buckets = Array.from({ length: count }, (_, i) => {
    const start = new Date(first + i * size).toISOString();
    const row = byKey.get(start.slice(0, keyLength));
    return { start, succeeded: row?.succeeded ?? 0, failed: row?.failed ?? 0 };
  });
  const succeeded = buckets.reduce((s, b) => s + b.succeeded, 0);
  const total = succeeded + buckets.reduce((s, b) => s + b.failed, 0);
  return { buckets, successRate: total === 0 ? null : succeeded / total, p50Ms: percentile(histogram, 0.5), p95Ms: percentile(histogram, 0.95) };
}
