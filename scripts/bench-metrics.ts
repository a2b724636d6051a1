// `npm run bench:metrics`: the cost of one Prometheus scrape on a large queue. Builds a temporary
// database (prisma migrate deploy) holding 1,000 endpoints (20 paused, 30 disabled), 100,000 pending
// deliveries (60 % due, spread over the last hour; 40 % delayed) and 500,000 succeeded ones (history),
// plus 3 worker heartbeats; then serves GET /metrics through the standalone worker's metrics server
// (the same serveMetrics() the web route calls) and times real HTTP GETs: 3 warm-up scrapes, then as many
// as fit in BENCH_METRICS_SECONDS (default 10), one at a time. Prints each database query's plan and
// time, then one final JSON line. BENCH_METRICS_PENDING / BENCH_METRICS_DONE change the row counts;
// BENCH_METRICS_KEEP=1 keeps the database file. `npm run bench:metrics -- --postgres` does the same on a
// temporary PostgreSQL database (TEST_POSTGRES_URL's server, default the local one), with EXPLAIN ANALYZE;
// add `--churn` to update every pending row once after the fill's VACUUM (a busy queue's heap).
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateSqlite } from "@/lib/db/migrate-sqlite";
import { tempDatabase } from "./bench/temp-database";

const PENDING = Number(process.env.BENCH_METRICS_PENDING ?? 100_000);
const DONE = Number(process.env.BENCH_METRICS_DONE ?? 500_000);
const SECONDS = Number(process.env.BENCH_METRICS_SECONDS ?? 10);
const ENDPOINTS = 1_000;
const ON_POSTGRES = process.argv.includes("--postgres");
const { file, remove } = tempDatabase("metrics"); // the SQLite run's file (unused with --postgres)

function fill(now: number): void {
  const sql = new Database(file);
  sql.pragma("journal_mode = WAL");
  sql.pragma("synchronous = OFF"); // a throwaway database: the fill need not survive a crash
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  const merchant = sql.prepare(`INSERT INTO "Merchant" ("id","name","email","passwordHash","updatedAt") VALUES (?,?,?,?,?)`);
  const endpoint = sql.prepare(`INSERT INTO "Endpoint" ("id","merchantId","url","secretCiphertext","status","pausedUntil","updatedAt") VALUES (?,?,?,?,?,?,?)`);
  const event = sql.prepare(`INSERT INTO "Event" ("id","merchantId","type","payload","createdAt") VALUES (?,?,?,?,?)`);
  const delivery = sql.prepare(
    `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","lastStatusCode","createdAt","updatedAt","completedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  sql.transaction(() => {
    for (let m = 0; m < ENDPOINTS / 5; m++) merchant.run(`m${m}`, `Merchant ${m}`, `m${m}@bench.local`, "x", iso(now));
    for (let e = 0; e < ENDPOINTS; e++) {
      const status = e % 100 < 3 ? "disabled" : "enabled";
      const pausedUntil = e % 50 === 7 ? iso(now + 3_600_000) : null;
      endpoint.run(`e${e}`, `m${Math.floor(e / 5)}`, `https://example.com/${e}`, "x", status, pausedUntil, iso(now));
    }
    const row = (i: number, pending: boolean) => {
      const e = i % ENDPOINTS;
      const eventId = `ev${String(i).padStart(8, "0")}`; // in key order: the fill appends to the B-trees
      const created = now - 3_600_000 * (pending ? 1 : 24 * 7) * ((i * 7919) % 1000) / 1000;
      event.run(eventId, `m${Math.floor(e / 5)}`, "checkout_session.completed", "{}", iso(created));
      const due = i % 10 < 6;
      const next = pending ? (due ? now - ((i * 104_729) % 3_600_000) : now + ((i * 104_729) % 36_000_000)) : null;
      delivery.run(`d${i}`, eventId, `e${e}`, `m${Math.floor(e / 5)}`, pending ? "pending" : "succeeded", 1, next && iso(next), pending ? 500 : 200, iso(created), iso(created), pending ? null : iso(created + 100));
    };
    for (let i = 0; i < PENDING; i++) row(i, true);
    for (let i = PENDING; i < PENDING + DONE; i++) row(i, false);
  })();
  sql.close();
}

/** Three live workers (written just before the scrapes: the fill takes longer than a heartbeat stays fresh). */
function beat(): void {
  const sql = new Database(file);
  const at = new Date().toISOString().replace("Z", "+00:00");
  const heartbeat = sql.prepare(`INSERT OR REPLACE INTO "WorkerHeartbeat" ("id","host","pid","startedAt","beatAt","inFlight") VALUES (?,?,?,?,?,?)`);
  for (let w = 0; w < 3; w++) heartbeat.run(`bench:${w}`, "bench", w, at, at, 10 * w);
  sql.close();
}

/**
 * The plan SQLite picks and the median time of each database figure, in the SQL Prisma sends (logged
 * from the client), beside the shape Prisma's count() would send: a subquery selecting "id", which is
 * not in the (status, endpointId, nextAttemptAt) index. Raw better-sqlite3: Prisma's own cost comes on top.
 */
function explain(now: number): void {
  const sql = new Database(file, { readonly: true });
  const at = new Date(now).toISOString();
  const pending = `"status" = 'pending'`;
  const queries: Record<string, string> = {
    "due (count and oldest, groupBy)": `SELECT COUNT(*), MIN("nextAttemptAt"), "status" FROM "Delivery" WHERE (${pending} AND "nextAttemptAt" <= '${at}') GROUP BY "status" LIMIT -1 OFFSET 0`,
    "delayed (count, groupBy)": `SELECT COUNT(*), "status" FROM "Delivery" WHERE (${pending} AND "nextAttemptAt" > '${at}') GROUP BY "status" LIMIT -1 OFFSET 0`,
    "one scan (CASE, not Prisma's API)": `SELECT COUNT(*), SUM(CASE WHEN "nextAttemptAt" <= '${at}' THEN 1 ELSE 0 END), MIN("nextAttemptAt") FROM "Delivery" WHERE ${pending}`,
    "due as count() would ask": `SELECT COUNT(*) FROM (SELECT "Delivery"."id" FROM "Delivery" WHERE (${pending} AND "nextAttemptAt" <= '${at}') LIMIT -1 OFFSET 0) AS "sub"`,
    paused: `SELECT COUNT(*) FROM (SELECT "Endpoint"."id" FROM "Endpoint" WHERE "pausedUntil" > '${at}' LIMIT -1 OFFSET 0) AS "sub"`,
    disabled: `SELECT COUNT(*) FROM (SELECT "Endpoint"."id" FROM "Endpoint" WHERE "status" = 'disabled' LIMIT -1 OFFSET 0) AS "sub"`,
  };
  for (const [name, query] of Object.entries(queries)) {
    const plan = sql.prepare(`EXPLAIN QUERY PLAN ${query}`).all().map((r) => (r as { detail: string }).detail).join(" | ");
    const statement = sql.prepare(query).raw();
    let value: unknown[] = [];
    const times: number[] = [];
    for (let i = 0; i < 11; i++) {
      const t = performance.now();
      value = statement.get() as unknown[];
      times.push(performance.now() - t);
    }
    console.log(`${name}: ${value[0]}, median of 11 runs ${times.sort((a, b) => a - b)[5].toFixed(1)} ms; plan: ${plan}`);
  }
  sql.close();
}

/** The same rows as fill(), on PostgreSQL, set-based (generate_series), then ANALYZE as autovacuum would. */
async function fillPostgres(sql: pg.Client, now: number): Promise<void> {
  const at = new Date(now);
  await sql.query(`INSERT INTO "Merchant" ("id","name","email","passwordHash","updatedAt")
    SELECT 'm' || m, 'Merchant ' || m, 'm' || m || '@bench.local', 'x', $1 FROM generate_series(0, $2::int - 1) m`, [at, ENDPOINTS / 5]);
  await sql.query(`INSERT INTO "Endpoint" ("id","merchantId","url","secretCiphertext","status","pausedUntil","updatedAt")
    SELECT 'e' || e, 'm' || (e / 5), 'https://example.com/' || e, 'x', CASE WHEN e % 100 < 3 THEN 'disabled' ELSE 'enabled' END,
      CASE WHEN e % 50 = 7 THEN $1::timestamptz + interval '1 hour' END, $1 FROM generate_series(0, $2::int - 1) e`, [at, ENDPOINTS]);
  // i, its endpoint, when it was created, and (pending rows) when it is due: fill()'s arithmetic.
  const rows = `SELECT i, i % ${ENDPOINTS} AS e, i < $2::int AS pending,
      $1::timestamptz - make_interval(secs => 3600 * (CASE WHEN i < $2::int THEN 1 ELSE 168 END) * ((i::bigint * 7919) % 1000) / 1000.0) AS created,
      CASE WHEN i >= $2::int THEN NULL WHEN i % 10 < 6 THEN $1::timestamptz - make_interval(secs => ((i::bigint * 104729) % 3600000) / 1000.0)
           ELSE $1::timestamptz + make_interval(secs => ((i::bigint * 104729) % 36000000) / 1000.0) END AS next
    FROM generate_series(0, $2::int + $3::int - 1) i`;
  await sql.query(`INSERT INTO "Event" ("id","merchantId","type","payload","createdAt")
    SELECT 'ev' || lpad(i::text, 8, '0'), 'm' || (e / 5), 'checkout_session.completed', '{}', created FROM (${rows}) r`, [at, PENDING, DONE]);
  await sql.query(`INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","lastStatusCode","createdAt","updatedAt","completedAt")
    SELECT 'd' || i, 'ev' || lpad(i::text, 8, '0'), 'e' || e, 'm' || (e / 5), CASE WHEN pending THEN 'pending' ELSE 'succeeded' END, 1, next,
      CASE WHEN pending THEN 500 ELSE 200 END, created, created, CASE WHEN pending THEN NULL ELSE created + interval '100 ms' END FROM (${rows}) r`, [at, PENDING, DONE]);
  await sql.query(`VACUUM ANALYZE`);
  // --churn: every pending row updated once since the last vacuum, as a busy queue leaves them (leases,
  // retries): their pages are no longer all-visible, so index-only scans fetch heap rows.
  if (process.argv.includes("--churn")) await sql.query(`UPDATE "Delivery" SET "leaseToken" = "leaseToken" + 1 WHERE "status" = 'pending'`);
}

async function beatPostgres(sql: pg.Client): Promise<void> {
  for (let w = 0; w < 3; w++) {
    await sql.query(`INSERT INTO "WorkerHeartbeat" ("id","host","pid","startedAt","beatAt","inFlight") VALUES ($1,'bench',$2,now(),now(),$3)
      ON CONFLICT ("id") DO UPDATE SET "beatAt" = now()`, [`bench:${w}`, w, 10 * w]);
  }
}

/** PostgreSQL's plan and time for each database figure, in the shape Prisma sends (EXPLAIN ANALYZE, buffers). */
async function explainPostgres(sql: pg.Client, now: number): Promise<void> {
  const at = new Date(now).toISOString();
  const pending = `"status" = 'pending'`;
  const queries: Record<string, string> = {
    "due (count and oldest, groupBy)": `SELECT COUNT(*), MIN("nextAttemptAt"), "status" FROM "Delivery" WHERE (${pending} AND "nextAttemptAt" <= '${at}') GROUP BY "status"`,
    "delayed (count, groupBy)": `SELECT COUNT(*), "status" FROM "Delivery" WHERE (${pending} AND "nextAttemptAt" > '${at}') GROUP BY "status"`,
    paused: `SELECT COUNT(*) FROM (SELECT "id" FROM "Endpoint" WHERE "pausedUntil" > '${at}') AS "sub"`,
    disabled: `SELECT COUNT(*) FROM (SELECT "id" FROM "Endpoint" WHERE "status" = 'disabled') AS "sub"`,
  };
  for (const [name, query] of Object.entries(queries)) {
    const times: number[] = [];
    let plan: string[] = [];
    for (let i = 0; i < 11; i++) {
      const { rows } = await sql.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${query}`);
      plan = rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"]);
      times.push(Number(/Execution Time: ([\d.]+) ms/.exec(plan.join("\n"))?.[1] ?? NaN));
    }
    const nodes = plan.filter((line) => /Scan|Aggregate|Heap Fetches/.test(line)).map((line) => line.trim().replace(/\s+\(cost=.*?\)/, "")).join(" | ");
    console.log(`${name}: median of 11 runs ${times.sort((a, b) => a - b)[5].toFixed(1)} ms; plan: ${nodes}`);
  }
}

/** The PostgreSQL run's database, dropped if the bench fails part way. */
let dropOnFailure: (() => Promise<void>) | undefined;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 10) / 10;

async function main() {
  const { loadLocalEnv } = await import("./local-env");
  loadLocalEnv();
  const token = `bench-metrics-${randomUUID()}`;
  process.env.METRICS_TOKEN = token;
  const now = Date.now();
  let t = performance.now();
  let postgres: { sql: pg.Client; remove: () => Promise<void> } | undefined;
  if (ON_POSTGRES) {
    const [{ createPostgresDatabase }, { migratePostgres }] = await Promise.all([import("@/lib/delivery/test-db"), import("@/lib/db/postgres-migrations")]);
    const database = await createPostgresDatabase("dashx_bench_metrics");
    process.env.DATABASE_URL = database.url;
    await migratePostgres(database.url);
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    postgres = { sql, remove: database.remove };
    dropOnFailure = database.remove;
    t = performance.now();
    await fillPostgres(sql, now);
  } else {
    migrateSqlite();
    fill(now);
  }
  console.log(`filled ${PENDING} pending + ${DONE} succeeded deliveries, ${ENDPOINTS} endpoints in ${Math.round(performance.now() - t)} ms`);
  if (postgres) await explainPostgres(postgres.sql, Date.now());
  else explain(Date.now());

  const { startMetricsServer } = await import("@/lib/ops/metrics-server");
  const { metricSample } = await import("@/lib/ops/metric-sample");
  const { server, port } = await startMetricsServer(0, "127.0.0.1");
  const scrape = async () => {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${text}`);
    return { ms: performance.now() - started, text };
  };
  if (postgres) await beatPostgres(postgres.sql);
  else beat();
  for (let i = 0; i < 3; i++) await scrape();
  const times: number[] = [];
  const database: number[] = [];
  let last = "";
  t = performance.now();
  while (performance.now() - t < SECONDS * 1000) {
    const { ms, text } = await scrape();
    times.push(ms);
    database.push(metricSample(text, "dashx_metrics_database_seconds") * 1000);
    last = text;
  }
  server.close();
  const figures = {
    due: metricSample(last, "dashx_queue_depth", { state: "due" }),
    delayed: metricSample(last, "dashx_queue_depth", { state: "delayed" }),
    oldestDueAgeSeconds: metricSample(last, "dashx_queue_oldest_due_age_seconds"),
    endpointsPaused: metricSample(last, "dashx_endpoints_paused"),
    endpointsDisabled: metricSample(last, "dashx_endpoints_disabled"),
    workersLive: metricSample(last, "dashx_workers_live"),
    attemptsInFlight: metricSample(last, "dashx_attempts_in_flight"),
  };
  console.log("last scrape's database figures:", JSON.stringify(figures));
  times.sort((a, b) => a - b);
  database.sort((a, b) => a - b);
  const result = {
    database: ON_POSTGRES ? "postgres" : "sqlite",
    pending: PENDING,
    done: DONE,
    scrapes: times.length,
    scrapeP50Ms: round(percentile(times, 50)),
    scrapeP95Ms: round(percentile(times, 95)),
    scrapeMaxMs: round(times[times.length - 1]),
    databaseP50Ms: round(percentile(database, 50)),
    databaseP95Ms: round(percentile(database, 95)),
  };
  if (postgres) {
    await postgres.sql.end();
    await postgres.remove();
    (await import("@/lib/db/postgres")).pgPool().end().catch(() => undefined);
  } else if (process.env.BENCH_METRICS_KEEP === "1") console.log(`kept ${file}`);
  else remove();
  console.log(JSON.stringify(result));
}

main().catch(async (error: unknown) => {
  console.error(error);
  await dropOnFailure?.().catch(() => undefined);
  process.exit(1);
});
