// `npm run bench:stats`: GET /api/v1/webhooks/{id}/stats on a million attempts. Builds a temporary
// database (prisma migrate deploy), writes 1,000,000 attempts spread over the last 7 days (10 % failed,
// 5 % another endpoint's) and counts each into the AttemptStat rollup with countAttempt (what recording
// an attempt does), timing that write; then times endpointWindowStats (the function behind the route)
// for both windows, average of 20 calls after a warm-up. One final JSON line.
import { seedBenchDatabase } from "./bench/temp-database";

const ROWS = Number(process.env.BENCH_STATS_ROWS ?? 1_000_000);

async function main() {
  const { sql, remove } = seedBenchDatabase("stats", ["e", "o"]);
  sql.pragma("journal_mode = WAL");
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  sql.exec(`INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","updatedAt") VALUES ('d','ev','e','m','succeeded','${iso(now)}');`);
  const insert = sql.prepare(
    `INSERT INTO "Attempt" ("id","deliveryId","attemptNumber","requestHeaders","responseStatus","durationMs","errorKind","createdAt") VALUES (?,'d',1,'{}',?,?,?,?)`,
  );
  const attempt = (i: number) => ({
    failed: i % 10 === 0,
    endpoint: i % 20 === 19 ? "o" : "e",
    durationMs: 20 + ((i * 7919) % 480),
    at: iso(now - (i * 604_800_000) / ROWS),
  });
  let t = performance.now();
  sql.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const a = attempt(i);
      insert.run(`a${String(i).padStart(8, "0")}`, a.failed ? 500 : 200, a.durationMs, a.failed ? "http_status" : null, a.at);
    }
  })();
  const attemptsMs = performance.now() - t;
  sql.close();

  const { sqlite } = await import("@/lib/db/sqlite");
  const { countAttempt } = await import("@/lib/delivery/sqlite/attempt-stat");
  t = performance.now();
  sqlite().transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const a = attempt(i);
      countAttempt("m", a.endpoint, a.at, a.durationMs, !a.failed);
    }
  })();
  const rollupMs = performance.now() - t;
  const rollupRows = sqlite().prepare(`SELECT COUNT(*) FROM "AttemptStat"`).pluck().get() as number;
  const perAttemptUs = Math.round((rollupMs / ROWS) * 1000 * 100) / 100;
  console.log(`wrote ${ROWS} attempts in ${Math.round(attemptsMs)} ms; counting them into the rollup took ${Math.round(rollupMs)} ms (${perAttemptUs} µs per attempt, ${rollupRows} rollup rows)`);

  const { endpointWindowStats } = await import("@/lib/delivery-log/attempt-stats");
  const results: Record<string, number> = {};
  for (const window of ["24h", "7d"] as const) {
    const stats = await endpointWindowStats("m", "e", window); // warm-up
    const t = performance.now();
    for (let i = 0; i < 20; i++) await endpointWindowStats("m", "e", window);
    results[`${window}Ms`] = Math.round(((performance.now() - t) / 20) * 10) / 10;
    const counted = stats.buckets.reduce((s, b) => s + b.succeeded + b.failed, 0);
    console.log(`window ${window}: ${results[`${window}Ms`]} ms per call (${counted} attempts counted, ${stats.buckets.length} buckets, p95 ${stats.p95Ms} ms)`);
  }
  remove();
  console.log(JSON.stringify({ rows: ROWS, rollupRows, rollupUsPerAttempt: perAttemptUs, ...results }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
