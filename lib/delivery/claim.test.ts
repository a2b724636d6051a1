// The fair claim and the breaker's state machine against a real SQLite database (no network).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freshTestDatabase } from "./test-db";

const db = freshTestDatabase();
const { sqlite, toSqlDate } = await import("@/lib/db/sqlite");
const { claim } = await import("./claim");
const { recordAttempt } = await import("./record");
const { publish, newId } = await import("./store");
import type { Job } from "./job";
import type { SendResult } from "./send";

const T0 = new Date("2026-12-02T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const breaker = { threshold: 3, cooldownMs: 30_000, maxCooldownMs: 600_000 };

function merchant(): string {
  const id = newId("mer_");
  sqlite().prepare(`INSERT INTO "Merchant" ("id","name","email","passwordHash","updatedAt") VALUES (?,?,?,?,?)`).run(id, "M", `${id}@x.test`, "x", toSqlDate(T0));
  return id;
}
function endpoint(merchantId: string, eventTypes: string[] = [], status = "enabled"): string {
  const id = newId("ep_");
  sqlite()
    .prepare(`INSERT INTO "Endpoint" ("id","merchantId","url","status","eventTypes","secretCiphertext","updatedAt") VALUES (?,?,?,?,?,?,?)`)
    .run(id, merchantId, "http://127.0.0.1:9/x", status, JSON.stringify(eventTypes), "v1:x", toSqlDate(T0));
  return id;
}
/** `count` due deliveries for the endpoint, the oldest first due `dueMs` after T0. */
function backlog(merchantId: string, endpointId: string, count: number, dueMs = 0): string[] {
  const ids: string[] = [];
  const ev = sqlite().prepare(`INSERT INTO "Event" ("id","merchantId","type","payload","createdAt") VALUES (?,?,?,?,?)`);
  const dl = sqlite().prepare(
    `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","createdAt","updatedAt") VALUES (?,?,?,?,'pending',0,?,?,?)`,
  );
  sqlite().transaction(() => {
    for (let i = 0; i < count; i++) {
      const eventId = randomUUID();
      const id = newId("dlv_");
      const due = toSqlDate(at(dueMs + i));
      ev.run(eventId, merchantId, "checkout_session.expired", "{}", due);
      dl.run(id, eventId, endpointId, merchantId, due, due, due);
      ids.push(id);
    }
  })();
  return ids;
}
const result = (errorKind: SendResult["errorKind"]): SendResult => ({
  ok: errorKind === null,
  statusCode: errorKind === null ? 200 : errorKind === "http_status" ? 500 : null,
  durationMs: 1,
  requestHeaders: {},
  responseHeaders: null,
  responseBody: null,
  errorKind,
  errorMessage: errorKind === null ? null : `failed: ${errorKind}`,
});
const record = (job: Job, errorKind: SendResult["errorKind"], when: Date) =>
  recordAttempt({
    job,
    leaseOwner: "w",
    result: result(errorKind),
    plan: { status: errorKind === null ? "succeeded" : "pending", attemptNumber: job.attemptCount + 1, nextAttemptAt: errorKind === null ? null : at(1), disableReason: null },
    at: when,
    autoDisableAfterMs: 86_400_000,
    breaker,
  });
const endpointRow = (id: string) =>
  sqlite().prepare(`SELECT "pausedUntil", "consecutiveFailures", "breakerTrips", "lastError" FROM "Endpoint" WHERE "id" = ?`).get(id) as {
    pausedUntil: string | null;
    consecutiveFailures: number;
    breakerTrips: number;
    lastError: string | null;
  };
const byEndpoint = (jobs: Job[]) => jobs.reduce((m, j) => m.set(j.endpointId, (m.get(j.endpointId) ?? 0) + 1), new Map<string, number>());

beforeEach(() => {
  sqlite().exec(`DELETE FROM "Merchant"`); // cascades to endpoints, events, deliveries
});
afterAll(() => {
  sqlite().close();
  db.remove();
});
beforeAll(() => expect(process.env.DATABASE_URL).toContain("unit.db"));

describe("fair claim", () => {
  it("a 5,000-row backlog on one endpoint does not keep a newer row of another merchant out of the first claim", async () => {
    const a = merchant();
    const big = endpoint(a);
    backlog(a, big, 5_000);
    const b = merchant();
    const fresh = endpoint(b);
    const [newRow] = backlog(b, fresh, 1, 60_000);
    const jobs = await claim({ owner: "w", limit: 64, leaseMs: 60_000, perEndpoint: 16, now: at(120_000) });
    expect(jobs.map((j) => j.deliveryId)).toContain(newRow);
    expect(byEndpoint(jobs).get(big)).toBe(16); // capped per endpoint, not the whole limit
  });

  it("takes each endpoint's oldest due rows, up to its free slots, round-robin", async () => {
    const m = merchant();
    const eps = [endpoint(m), endpoint(m), endpoint(m)];
    const rows = eps.map((e, i) => backlog(m, e, 10, i * 1000));
    const jobs = await claim({ owner: "w", limit: 100, leaseMs: 60_000, perEndpoint: 4, slots: new Map([[eps[1], 1]]), now: at(60_000) });
    const counts = byEndpoint(jobs);
    expect([counts.get(eps[0]), counts.get(eps[1]), counts.get(eps[2])]).toEqual([4, 1, 4]);
    expect(jobs.filter((j) => j.endpointId === eps[0]).map((j) => j.deliveryId)).toEqual(rows[0].slice(0, 4));
  });

  it("never claims a row twice while its lease runs, and takes it again after the lease expired", async () => {
    const m = merchant();
    const e = endpoint(m);
    backlog(m, e, 3);
    const first = await claim({ owner: "w1", limit: 10, leaseMs: 10_000, perEndpoint: 10, now: at(1_000) });
    expect(first).toHaveLength(3);
    expect(await claim({ owner: "w2", limit: 10, leaseMs: 10_000, perEndpoint: 10, now: at(2_000) })).toHaveLength(0);
    const again = await claim({ owner: "w2", limit: 10, leaseMs: 10_000, perEndpoint: 10, now: at(12_000) });
    expect(again.map((j) => j.deliveryId).sort()).toEqual(first.map((j) => j.deliveryId).sort());
  });

  it("does not claim rows that are not due yet", async () => {
    const m = merchant();
    const e = endpoint(m);
    backlog(m, e, 2, 10_000);
    expect(await claim({ owner: "w", limit: 10, leaseMs: 1_000, perEndpoint: 10, now: at(5_000) })).toHaveLength(0);
    expect(await claim({ owner: "w", limit: 10, leaseMs: 1_000, perEndpoint: 10, now: at(10_000) })).toHaveLength(1);
  });
});

describe("circuit breaker in the store", () => {
  it("opens after the threshold, skips the endpoint while cooling down, then lets exactly one probe through", async () => {
    const m = merchant();
    const e = endpoint(m);
    backlog(m, e, 20);
    const jobs = await claim({ owner: "w", limit: 3, leaseMs: 60_000, perEndpoint: 3, now: at(1_000) });
    for (const job of jobs) await record(job, "timeout", at(2_000));
    const opened = endpointRow(e);
    expect(opened).toMatchObject({ consecutiveFailures: 3, breakerTrips: 1, lastError: "failed: timeout" });
    expect(opened.pausedUntil).toBe(toSqlDate(at(32_000)));

    expect(await claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(31_000) })).toHaveLength(0);
    const probe = await claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(33_000) });
    expect(probe).toHaveLength(1);
    expect(probe[0].isProbe).toBe(true);
    expect(endpointRow(e).pausedUntil).toBe(toSqlDate(at(93_000))); // held for the probe's lease
    expect(await claim({ owner: "w2", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(34_000) })).toHaveLength(0);

    await record(probe[0], "connection_refused", at(35_000));
    expect(endpointRow(e)).toMatchObject({ breakerTrips: 2, pausedUntil: toSqlDate(at(95_000)) }); // 60 s: doubled
  });

  it("a successful probe closes it and the rest are claimed at once", async () => {
    const m = merchant();
    const e = endpoint(m);
    backlog(m, e, 10);
    for (const job of await claim({ owner: "w", limit: 3, leaseMs: 60_000, perEndpoint: 3, now: at(1_000) })) await record(job, "dns", at(2_000));
    const [probe] = await claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(40_000) });
    await record(probe, null, at(41_000));
    expect(endpointRow(e)).toEqual({ pausedUntil: null, consecutiveFailures: 0, breakerTrips: 0, lastError: null });
    expect(await claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(42_000) })).toHaveLength(9);
  });

  it("an HTTP error answer does not count towards opening it", async () => {
    const m = merchant();
    const e = endpoint(m);
    backlog(m, e, 6);
    const jobs = await claim({ owner: "w", limit: 6, leaseMs: 60_000, perEndpoint: 6, now: at(1_000) });
    await record(jobs[0], "timeout", at(2_000));
    await record(jobs[1], "timeout", at(2_000));
    await record(jobs[2], "http_status", at(2_000));
    await record(jobs[3], "timeout", at(2_000));
    expect(endpointRow(e)).toMatchObject({ pausedUntil: null, consecutiveFailures: 1, lastError: "failed: timeout" });
  });

  it("a RetryRequest (Resend, Recover) is claimed even while the endpoint is paused, and is removed by its attempt", async () => {
    const m = merchant();
    const e = endpoint(m);
    const [resent] = backlog(m, e, 5);
    sqlite().prepare(`UPDATE "Endpoint" SET "pausedUntil" = ? WHERE "id" = ?`).run(toSqlDate(at(3_600_000)), e);
    sqlite().prepare(`INSERT INTO "RetryRequest" ("deliveryId","endpointId") VALUES (?,?)`).run(resent, e);
    const jobs = await claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(10_000) });
    expect(jobs.map((j) => [j.deliveryId, j.manual])).toEqual([[resent, true]]);
    await record(jobs[0], null, at(11_000));
    expect(sqlite().prepare(`SELECT COUNT(*) AS n FROM "RetryRequest"`).get()).toEqual({ n: 0 });
  });
});

describe("publish", () => {
  it("stores the event and one pending delivery per enabled endpoint whose filter matches (empty = all)", async () => {
    const m = merchant();
    const all = endpoint(m);
    const completedOnly = endpoint(m, ["checkout_session.completed"]);
    const expiredOnly = endpoint(m, ["checkout_session.expired"]);
    endpoint(m, [], "disabled");
    const id = randomUUID();
    const outcome = await publish({ id, merchantId: m, type: "checkout_session.expired", payload: "{}", isTest: false, idempotencyKey: null, requestHash: null, createdAt: T0 });
    expect(outcome).toEqual({ kind: "published", deliveries: 2 });
    const rows = sqlite().prepare(`SELECT "endpointId", "status", "attemptCount" FROM "Delivery" WHERE "eventId" = ? ORDER BY "endpointId"`).all(id);
    expect(rows).toEqual([all, expiredOnly].sort().map((endpointId) => ({ endpointId, status: "pending", attemptCount: 0 })));
    expect(rows.some((r) => (r as { endpointId: string }).endpointId === completedOnly)).toBe(false);
  });
});
