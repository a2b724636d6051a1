// The stats rollup's key (AttemptStat): each real attempt adds one to its endpoint's (UTC hour, latency
// bucket) row, inside the transaction that records it, so the counts never disagree with the attempt log.

/** Rounded down: exact below 100 ms, to 10 ms below 1 s, to 100 ms below 10 s, else to whole seconds (within 10 %). */
export function latencyBucket(ms: number): number {
  const step = ms < 100 ? 1 : ms < 1_000 ? 10 : ms < 10_000 ? 100 : 1_000;
  return Math.floor(Math.max(0, ms) / step) * step;
}

/** The rollup's hour: "2026-12-02T14" (UTC), a prefix of the ISO time, so a day is its first 10 characters. */
export const statHour = (at: Date) => at.toISOString().slice(0, 13);
