// The /metrics exposition: attempts counted by outcome and status class, the latency histogram fed only
// by successful first attempts, test events left out, and the database gauges read from real rows.
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { metricSample } from "./metric-sample";
import { migratedTestDatabase } from "./test-db";

const database = migratedTestDatabase();
const { observeAttempt, renderMetrics, statusClass } = await import("./metrics");
const sql = new Database(database.file);

const sample = metricSample;

const T0 = Date.now();
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const job = (over: Partial<{ isTest: boolean; attemptCount: number; eventCreatedAt: Date }> = {}) => ({ isTest: false, attemptCount: 0, eventCreatedAt: new Date(T0), ...over });
const http = (statusCode: number) => ({ statusCode, errorKind: statusCode < 300 ? null : ("http_status" as const) });

afterAll(() => {
  sql.close();
  database.remove();
});

describe("statusClass", () => {
  it("is the HTTP status class, or the error kind when no answer came back", () => {
    expect(statusClass({ statusCode: 204, errorKind: null })).toBe("2xx");
    expect(statusClass({ statusCode: 302, errorKind: "http_status" })).toBe("3xx");
    expect(statusClass({ statusCode: 410, errorKind: "http_status" })).toBe("4xx");
    expect(statusClass({ statusCode: 503, errorKind: "http_status" })).toBe("5xx");
    expect(statusClass({ statusCode: null, errorKind: "timeout" })).toBe("timeout");
    expect(statusClass({ statusCode: null, errorKind: "connection_refused" })).toBe("connection_refused");
  });
});

describe("observeAttempt", () => {
  it("counts attempts by outcome and status class", async () => {
    const before = await renderMetrics();
    observeAttempt(job(), http(200), { status: "succeeded" });
    observeAttempt(job({ attemptCount: 2 }), http(200), { status: "succeeded" });
    observeAttempt(job(), http(500), { status: "pending" });
    observeAttempt(job(), { statusCode: null, errorKind: "timeout" }, { status: "pending" });
    observeAttempt(job({ attemptCount: 7 }), http(404), { status: "failed" });
    const after = await renderMetrics();
    const delta = (labels: Record<string, string>) => sample(after, "dashx_attempts_total", labels) - sample(before, "dashx_attempts_total", labels);
    expect(delta({ outcome: "succeeded", status_class: "2xx" })).toBe(2);
    expect(delta({ outcome: "retrying", status_class: "5xx" })).toBe(1);
    expect(delta({ outcome: "retrying", status_class: "timeout" })).toBe(1);
    expect(delta({ outcome: "failed", status_class: "4xx" })).toBe(1);
  });

  it("puts a successful first attempt's publish-to-recorded time in the histogram, nothing else", async () => {
    const before = await renderMetrics();
    const count = (text: string) => sample(text, "dashx_publish_to_delivery_seconds_count");
    const bucket = (text: string, le: string) => sample(text, "dashx_publish_to_delivery_seconds_bucket", { le });
    observeAttempt(job({ eventCreatedAt: new Date(T0 - 30) }), http(200), { status: "succeeded" }, new Date(T0)); // 30 ms
    observeAttempt(job({ eventCreatedAt: new Date(T0 - 7_000) }), http(200), { status: "succeeded" }, new Date(T0)); // 7 s
    observeAttempt(job({ attemptCount: 1 }), http(200), { status: "succeeded" }, new Date(T0)); // a retry: its delay is the schedule's
    observeAttempt(job(), http(500), { status: "pending" }, new Date(T0));
    const after = await renderMetrics();
    expect(count(after) - count(before)).toBe(2);
    expect(bucket(after, "0.025") - bucket(before, "0.025")).toBe(0);
    expect(bucket(after, "0.05") - bucket(before, "0.05")).toBe(1);
    expect(bucket(after, "5") - bucket(before, "5")).toBe(1);
    expect(bucket(after, "10") - bucket(before, "10")).toBe(2);
    expect(sample(after, "dashx_publish_to_delivery_seconds_sum") - sample(before, "dashx_publish_to_delivery_seconds_sum")).toBeCloseTo(7.03, 5);
  });

  it("does not count test events", async () => {
    const before = await renderMetrics();
    observeAttempt(job({ isTest: true }), http(200), { status: "succeeded" });
    observeAttempt(job({ isTest: true }), http(500), { status: "failed" });
    const after = await renderMetrics();
    const total = (text: string) => ["succeeded", "failed"].reduce((s, outcome) => s + sample(text, "dashx_attempts_total", { outcome, status_class: outcome === "succeeded" ? "2xx" : "5xx" }), 0);
    expect(total(after)).toBe(total(before));
    expect(sample(after, "dashx_publish_to_delivery_seconds_count")).toBe(sample(before, "dashx_publish_to_delivery_seconds_count"));
  });
});

describe("the database gauges", () => {
  it("are zero on an empty database", async () => {
    const text = await renderMetrics();
    expect(sample(text, "dashx_queue_depth", { state: "due" })).toBe(0);
    expect(sample(text, "dashx_queue_depth", { state: "delayed" })).toBe(0);
    expect(sample(text, "dashx_queue_oldest_due_age_seconds")).toBe(0);
    expect(sample(text, "dashx_workers_live")).toBe(0);
  });

  it("count due and delayed pending deliveries (not done ones), the oldest due's wait, held-back endpoints and live workers", async () => {
    sql.exec(`INSERT INTO "Merchant" ("id","name","email","passwordHash","updatedAt") VALUES ('m','M','m@x.test','x','${iso(T0)}')`);
    const endpoint = sql.prepare(`INSERT INTO "Endpoint" ("id","merchantId","url","secretCiphertext","status","pausedUntil","updatedAt") VALUES (?,'m','https://example.com','x',?,?,?)`);
    endpoint.run("e-ok", "enabled", null, iso(T0));
    endpoint.run("e-paused", "enabled", iso(T0 + 60_000), iso(T0));
    endpoint.run("e-was-paused", "enabled", iso(T0 - 60_000), iso(T0)); // cool-down over: not paused
    endpoint.run("e-off", "disabled", null, iso(T0));
    const event = sql.prepare(`INSERT INTO "Event" ("id","merchantId","type","payload","createdAt") VALUES (?,'m','checkout_session.expired','{}',?)`);
    const delivery = sql.prepare(`INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","nextAttemptAt","updatedAt") VALUES (?,?,?,'m',?,?,?)`);
    const rows: Array<[string, number | null]> = [
      ["pending", T0 - 90_000], // due for 90 s: the oldest due
      ["pending", T0 - 1_000],
      ["pending", T0 + 5_000],
      ["pending", T0 + 3_600_000],
      ["pending", T0 + 7_200_000],
      ["succeeded", null],
      ["succeeded", null],
      ["failed", null],
    ];
    rows.forEach(([status, next], i) => {
      event.run(`ev${i}`, iso(T0));
      delivery.run(`d${i}`, `ev${i}`, i % 2 ? "e-ok" : "e-paused", status, next === null ? null : iso(next), iso(T0));
    });
    const heartbeat = sql.prepare(`INSERT INTO "WorkerHeartbeat" ("id","host","pid","startedAt","beatAt","inFlight") VALUES (?,'h',1,?,?,?)`);
    heartbeat.run("w-fresh-1", iso(T0), iso(T0 - 2_000), 4);
    heartbeat.run("w-fresh-2", iso(T0), iso(T0 - 14_000), 6);
    heartbeat.run("w-stale", iso(T0), iso(T0 - 16_000), 100); // missed three beats: not live

    const text = await renderMetrics(new Date(T0));
    expect(sample(text, "dashx_queue_depth", { state: "due" })).toBe(2);
    expect(sample(text, "dashx_queue_depth", { state: "delayed" })).toBe(3);
    expect(sample(text, "dashx_queue_oldest_due_age_seconds")).toBe(90);
    expect(sample(text, "dashx_endpoints_paused")).toBe(1);
    expect(sample(text, "dashx_endpoints_disabled")).toBe(1);
    expect(sample(text, "dashx_workers_live")).toBe(2);
    expect(sample(text, "dashx_attempts_in_flight")).toBe(10);
    expect(sample(text, "dashx_metrics_database_seconds")).toBeGreaterThan(0);
    expect(text).toMatch(/^# TYPE dashx_process_cpu_seconds_total counter$/m); // this process's own figures
  });
});
