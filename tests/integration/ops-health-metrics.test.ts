// Operator endpoints on the real app (issue 8, Operability): /healthz, /readyz (200, and 503 naming the
// check when the worker's heartbeat is stale or a migration is missing), /metrics behind its token, and
// the figures moving with real deliveries to a real receiver: attempts by outcome and status class, the
// publish→delivery histogram, queue depth, in-flight attempts, disabled endpoints. Then a standalone
// worker's own metrics port: the same door, the same database gauges, its own counters.
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricSample } from "@/lib/ops/metric-sample";
import { PLATFORM_TOKEN, publish, publishMany, sleep, waitFor } from "./delivery-helpers";
import { startReceiver, type Receiver } from "../support/receiver";
import { freePort, runScript, startApp, START_TIMEOUT_MS, type App, type Script } from "./harness";
import { createEndpoint } from "./http-client";
import type { ApiErrorBody } from "./shapes";
import { onPostgres } from "./test-database";
import { openTestSql, type TestSql } from "./test-sql";

const METRICS_TOKEN = "it-metrics-token-0123456789";
const ENV = {
  PLATFORM_API_TOKEN: PLATFORM_TOKEN,
  METRICS_TOKEN,
  // The held endpoint's requests wait several seconds for the test to release them.
  WEBHOOK_TIMEOUT_MS: "20000",
  // A failing delivery: attempt 1, a retry 300 ms later, then it waits an hour (a delayed row).
  WEBHOOK_RETRY_SCHEDULE: "300ms,1h",
};

let app: App;
let receiver: Receiver;
let sql: TestSql;
// Where the applied migrations are listed: Prisma's table on SQLite, postgrator's on PostgreSQL.
const HISTORY = onPostgres()
  ? { table: "_dashx_migrations", newest: `"version" DESC`, key: "version", name: "name" }
  : { table: "_prisma_migrations", newest: `"migration_name" DESC`, key: "id", name: "migration_name" };
let worker: Script | undefined;
/** Requests to /held wait here until the test answers them. */
const held: ServerResponse[] = [];

beforeAll(async () => {
  [app, receiver] = await Promise.all([startApp(ENV), startReceiver()]);
  receiver.respondWith({
    kind: "custom",
    handle: (request, res) => {
      if (request.path === "/held") return void held.push(res);
      const status = request.path === "/fail" ? 500 : request.path === "/gone" ? 410 : 200;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ status }));
    },
  });
  sql = await openTestSql(app.databaseUrl);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  for (const res of held.splice(0)) res.destroy();
  await worker?.kill("SIGKILL");
  await sql?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

async function scrape(baseUrl = app.baseUrl): Promise<string> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${text}`);
  return text;
}
const attempts = (text: string, outcome: string, statusClass: string) => metricSample(text, "dashx_attempts_total", { outcome, status_class: statusClass });
const latencyCount = (text: string) => metricSample(text, "dashx_publish_to_delivery_seconds_count");
const queue = (text: string, state: "due" | "delayed") => metricSample(text, "dashx_queue_depth", { state });

/** Scrapes until `check` holds (attempts are recorded a moment after the receiver answered). */
async function scrapeUntil(what: string, check: (text: string) => boolean, timeoutMs = 15_000, baseUrl = app.baseUrl): Promise<string> {
  let text = "";
  await waitFor(what, async () => check((text = await scrape(baseUrl))), timeoutMs, 100);
  return text;
}

async function readyz(): Promise<{ status: number; body: { status: string; failed: string[]; checks: Record<string, { status: string; message?: string }> } }> {
  const res = await fetch(`${app.baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as never };
}

describe("health checks", () => {
  it("GET /healthz answers 200 {status: ok} without a session, uncached", async () => {
    const res = await fetch(`${app.baseUrl}/healthz`, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /readyz answers 200 once the in-process worker has beaten: database, migrations and worker ok", async () => {
    await waitFor("the worker's first heartbeat", async () => (await readyz()).status === 200, 15_000, 100);
    const { body } = await readyz();
    expect(body).toEqual({ status: "ready", failed: [], checks: { database: { status: "ok" }, migrations: { status: "ok" }, worker: { status: "ok" } } });
  });
});

describe("GET /metrics", () => {
  it("answers 401 in the API's error shape without the token or with a wrong one", async () => {
    const tries: Array<Record<string, string>> = [{}, { authorization: "Bearer not-the-metrics-token" }, { authorization: `Basic ${METRICS_TOKEN}` }];
    for (const headers of tries) {
      const res = await fetch(`${app.baseUrl}/metrics`, { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as ApiErrorBody;
      expect(body.error.code).toBe("unauthorized");
    }
  });

  it("answers the Prometheus text format with the right token", async () => {
    const res = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    for (const name of ["dashx_attempts_total counter", "dashx_publish_to_delivery_seconds histogram", "dashx_queue_depth gauge", "dashx_queue_oldest_due_age_seconds gauge", "dashx_endpoints_paused gauge", "dashx_endpoints_disabled gauge", "dashx_workers_live gauge", "dashx_attempts_in_flight gauge"]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    expect(metricSample(text, "dashx_workers_live")).toBe(1);
  });
});

describe("the figures follow real deliveries", () => {
  it("counts successes (2xx) and retries (5xx), feeds the histogram per first-attempt success, leaves the retried ones delayed", async () => {
    const merchant = await app.merchant("Metrics Merchant");
    await createEndpoint(merchant.client, { url: receiver.url("/ok") });
    await createEndpoint(merchant.client, { url: receiver.url("/fail") });
    const before = await scrape();
    expect(queue(before, "delayed")).toBe(0);

    const events = await publishMany(app.baseUrl, merchant.id, 5, 5);
    expect(events.every((e) => e.deliveries === 2)).toBe(true);
    const after = await scrapeUntil(
      "5 successes and 10 retries",
      (text) => attempts(text, "succeeded", "2xx") - attempts(before, "succeeded", "2xx") === 5 && attempts(text, "retrying", "5xx") - attempts(before, "retrying", "5xx") === 10,
    );
    expect(latencyCount(after) - latencyCount(before)).toBe(5);
    expect(queue(after, "delayed")).toBe(5); // each failing delivery waits an hour for its third attempt
    expect(queue(after, "due")).toBe(0);
    expect(metricSample(after, "dashx_queue_oldest_due_age_seconds")).toBe(0);
    expect(attempts(after, "failed", "5xx")).toBe(0);
  });

  it("counts a 410 as failed (4xx) and the endpoint it disables", async () => {
    const merchant = await app.merchant("Gone Merchant");
    await createEndpoint(merchant.client, { url: receiver.url("/gone") });
    const before = await scrape();
    await publish(app.baseUrl, merchant.id, "checkout_session.expired");
    const after = await scrapeUntil("one failed attempt", (text) => attempts(text, "failed", "4xx") - attempts(before, "failed", "4xx") === 1);
    expect(metricSample(after, "dashx_endpoints_disabled") - metricSample(before, "dashx_endpoints_disabled")).toBe(1);
    expect(latencyCount(after)).toBe(latencyCount(before));
  });

  it("does not count Send Test Event", async () => {
    const merchant = await app.merchant("Test Event Merchant");
    const endpoint = await createEndpoint(merchant.client, { url: receiver.url("/ok") });
    const before = await scrape();
    const sent = await merchant.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    expect(sent.status).toBe(200);
    expect((sent.body as { delivered: boolean }).delivered).toBe(true);
    await sleep(500);
    const after = await scrape();
    expect(attempts(after, "succeeded", "2xx")).toBe(attempts(before, "succeeded", "2xx"));
    expect(latencyCount(after)).toBe(latencyCount(before));
  });

  it("shows held attempts as due and in flight, and their publish→delivery time once answered", async () => {
    const merchant = await app.merchant("Held Merchant");
    await createEndpoint(merchant.client, { url: receiver.url("/held") });
    const before = await scrape();
    const publishedAt = Date.now();
    await publishMany(app.baseUrl, merchant.id, 3, 3);
    await waitFor("three held requests", () => held.length === 3, 10_000, 25);
    // Leased rows stay pending and due until recorded; in flight shows once the worker beats (every 5 s).
    const holding = await scrapeUntil("3 attempts in flight", (text) => metricSample(text, "dashx_attempts_in_flight") === 3, 12_000);
    expect(queue(holding, "due")).toBe(3);
    expect(metricSample(holding, "dashx_queue_oldest_due_age_seconds")).toBeGreaterThan(0);
    await sleep(Math.max(0, publishedAt + 1_500 - Date.now())); // held past the 1 s bucket
    for (const res of held.splice(0)) res.writeHead(200, { "content-type": "application/json" }).end("{}");

    const after = await scrapeUntil("3 more successes", (text) => attempts(text, "succeeded", "2xx") - attempts(before, "succeeded", "2xx") === 3);
    expect(queue(after, "due")).toBe(0);
    expect(latencyCount(after) - latencyCount(before)).toBe(3);
    const under1s = (text: string) => metricSample(text, "dashx_publish_to_delivery_seconds_bucket", { le: "1" });
    expect(under1s(after)).toBe(under1s(before)); // each waited longer than a second
    const sum = (text: string) => metricSample(text, "dashx_publish_to_delivery_seconds_sum");
    expect(sum(after) - sum(before)).toBeGreaterThan(3);
    await scrapeUntil("nothing in flight after the next beat", (text) => metricSample(text, "dashx_attempts_in_flight") === 0, 12_000);
  });
});

describe("GET /readyz answers 503 naming the failed check", () => {
  it("when the in-process worker's heartbeat is stale, and 200 again once it beats", async () => {
    const ago = new Date(Date.now() - 60_000);
    let seen: Awaited<ReturnType<typeof readyz>> | undefined;
    // The worker beats every 5 s: a beat landing between the update and the request undoes it, so try again.
    for (let i = 0; i < 3 && seen?.status !== 503; i++) {
      await sql.run(`UPDATE "WorkerHeartbeat" SET "beatAt" = ?`, ago);
      seen = await readyz();
    }
    expect(seen?.status).toBe(503);
    expect(seen?.body.status).toBe("not_ready");
    expect(seen?.body.failed).toEqual(["worker"]);
    expect(seen?.body.checks.worker.message).toMatch(/heartbeat is \d+ s old/);
    await waitFor("the next beat", async () => (await readyz()).status === 200, 10_000, 200);
  });

  it("when a shipped migration is not in the database's history, and 200 again once it is", async () => {
    const row = (await sql.get<Record<string, unknown>>(`SELECT * FROM "${HISTORY.table}" ORDER BY ${HISTORY.newest} LIMIT 1`))!;
    await sql.run(`DELETE FROM "${HISTORY.table}" WHERE "${HISTORY.key}" = ?`, row[HISTORY.key]);
    try {
      const { status, body } = await readyz();
      expect(status).toBe(503);
      expect(body.failed).toEqual(["migrations"]);
      expect(body.checks.migrations.message).toContain(String(row[HISTORY.name]));
    } finally {
      await sql.insertMany(HISTORY.table, Object.keys(row), [Object.values(row)]);
    }
    expect((await readyz()).status).toBe(200);
  });
});

describe("a standalone worker's metrics port (npm run worker, WORKER_METRICS_PORT)", () => {
  let workerUrl: string;

  it("serves /metrics behind the same token, with the same database gauges and a second live worker", async () => {
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}`;
    worker = runScript("scripts/worker.ts", [], { ...ENV, DATABASE_URL: app.databaseUrl, WORKER_METRICS_PORT: String(port) });
    await waitFor("the worker's metrics port", async () => (await fetch(`${workerUrl}/metrics`).catch(() => undefined))?.status === 401, 60_000, 200);
    const denied = await fetch(`${workerUrl}/metrics`, { headers: { authorization: "Bearer wrong" } });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as ApiErrorBody).error.code).toBe("unauthorized");

    const fromWorker = await scrapeUntil("two live workers", (text) => metricSample(text, "dashx_workers_live") === 2, 15_000, workerUrl);
    const fromApp = await scrape();
    expect(metricSample(fromApp, "dashx_workers_live")).toBe(2);
    for (const state of ["due", "delayed"] as const) expect(queue(fromWorker, state)).toBe(queue(fromApp, state));
    expect(metricSample(fromWorker, "dashx_endpoints_disabled")).toBe(metricSample(fromApp, "dashx_endpoints_disabled"));
    expect(attempts(fromWorker, "failed", "4xx")).toBe(0); // its counters are its own
  });

  it("counts what it delivered itself: the two processes' counters add up to every delivery", async () => {
    const merchant = await app.merchant("Shared Merchant");
    await createEndpoint(merchant.client, { url: receiver.url("/ok") });
    const [appBefore, workerBefore] = [await scrape(), await scrape(workerUrl)];
    await publishMany(app.baseUrl, merchant.id, 40, 10);
    const delta = (a: string, b: string) => attempts(a, "succeeded", "2xx") - attempts(b, "succeeded", "2xx");
    let appAfter = "";
    let workerAfter = "";
    await waitFor("40 successes across both processes", async () => {
      [appAfter, workerAfter] = [await scrape(), await scrape(workerUrl)];
      return delta(appAfter, appBefore) + delta(workerAfter, workerBefore) === 40;
    }, 20_000, 200);
    expect(latencyCount(appAfter) - latencyCount(appBefore) + latencyCount(workerAfter) - latencyCount(workerBefore)).toBe(40);
  });

  it("removes its heartbeat on SIGTERM: the app counts one live worker again", async () => {
    const id = /\[worker\] (\S+) delivering/.exec(worker!.output())?.[1];
    expect((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "WorkerHeartbeat" WHERE "id" = ?`, id))?.n).toBe(1);
    await worker!.kill("SIGTERM"); // resolves once the whole process group is gone
    expect(worker!.output()).toMatch(/\[shutdown\] SIGTERM: .*delivery worker/);
    worker = undefined;
    expect((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "WorkerHeartbeat" WHERE "id" = ?`, id))?.n).toBe(0);
    expect(metricSample(await scrape(), "dashx_workers_live")).toBe(1); // at once, not after going stale
  });
});
