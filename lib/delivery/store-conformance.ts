// The DeliveryStore contract, one suite for both implementations (store.sqlite.test.ts and
// store.postgres.test.ts run it on a real database each): fair claims, leases and fencing, the breaker's
// probe, RetryRequest, publish with filters and idempotency, records and auto-disable, and the
// notifications a state change writes with it (endpoint-change.ts). Fixtures go through Prisma, which
// speaks both dialects.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Dialect } from "@/lib/db/dialect";
import type { Job } from "./job";
import type { SendResult } from "./send";
import { freshTestDatabase, type TestDatabase } from "./test-db";

export function storeConformance(dialect: Dialect): void {
  const T0 = new Date("2026-12-02T12:00:00Z");
  const at = (ms: number) => new Date(T0.getTime() + ms);
  const settings = { breaker: { threshold: 3, cooldownMs: 30_000, maxCooldownMs: 600_000 }, autoDisableAfterMs: 86_400_000 };

  let database: TestDatabase;
  let db: (typeof import("@/lib/db/client"))["db"];
  let store: import("./store").DeliveryStore;
  let newId: (prefix: string) => string;

  beforeAll(async () => {
    database = await freshTestDatabase(dialect);
    ({ db } = await import("@/lib/db/client"));
    store = await (await import("./store")).deliveryStore();
    ({ newId } = await import("./ids"));
  }, 60_000);
  afterAll(async () => {
    await db.$disconnect();
    if (dialect === "postgres") await (await import("@/lib/db/postgres")).pgPool().end();
    else (await import("@/lib/db/sqlite")).sqlite().close();
    await database.remove();
  });
  beforeEach(async () => {
    await db.merchant.deleteMany(); // cascades to endpoints, events, deliveries
  });

  async function merchant(): Promise<string> {
    const id = newId("mer_");
    await db.merchant.create({ data: { id, name: "M", email: `${id}@x.test`, passwordHash: "x" } });
    return id;
  }
  async function endpoint(merchantId: string, eventTypes: string[] = [], status = "enabled"): Promise<string> {
    const id = newId("ep_");
    await db.endpoint.create({ data: { id, merchantId, url: "http://127.0.0.1:9/x", status, eventTypes, secretCiphertext: "v1:x" } });
    return id;
  }
  /** `count` due deliveries for the endpoint, the oldest first due `dueMs` after T0. */
  async function backlog(merchantId: string, endpointId: string, count: number, dueMs = 0): Promise<string[]> {
    const events = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), merchantId, type: "checkout_session.expired", payload: "{}", createdAt: at(dueMs + i) }));
    const deliveries = events.map((e) => ({ id: newId("dlv_"), eventId: e.id, endpointId, merchantId, status: "pending", nextAttemptAt: e.createdAt, createdAt: e.createdAt }));
    for (let i = 0; i < count; i += 1000) {
      await db.event.createMany({ data: events.slice(i, i + 1000) });
      await db.delivery.createMany({ data: deliveries.slice(i, i + 1000) });
    }
    return deliveries.map((d) => d.id);
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
  const record = (job: Job, errorKind: SendResult["errorKind"], when: Date, disableReason: string | null = null) =>
    store.record({
      job,
      result: result(errorKind),
      plan: { status: errorKind === null ? "succeeded" : "pending", attemptNumber: job.attemptCount + 1, nextAttemptAt: errorKind === null ? null : at(1), disableReason },
      at: when,
      settings,
    });
  const endpointRow = (id: string) =>
    db.endpoint.findUniqueOrThrow({ where: { id }, select: { pausedUntil: true, consecutiveFailures: true, breakerTrips: true, lastError: true } });
  const byEndpoint = (jobs: Job[]) => jobs.reduce((m, j) => m.set(j.endpointId, (m.get(j.endpointId) ?? 0) + 1), new Map<string, number>());

  describe(`fair claim (${dialect})`, () => {
    it("a 5,000-row backlog on one endpoint does not keep a newer row of another merchant out of the first claim", { timeout: 60_000 }, async () => {
      const a = await merchant();
      const big = await endpoint(a);
      await backlog(a, big, 5_000);
      const b = await merchant();
      const fresh = await endpoint(b);
      const [newRow] = await backlog(b, fresh, 1, 60_000);
      const jobs = await store.claim({ owner: "w", limit: 64, leaseMs: 60_000, perEndpoint: 16, now: at(120_000) });
      expect(jobs.map((j) => j.deliveryId)).toContain(newRow);
      expect(byEndpoint(jobs).get(big)).toBe(16); // capped per endpoint, not the whole limit
    });

    it("takes each endpoint's oldest due rows, up to its free slots, round-robin", async () => {
      const m = await merchant();
      const eps = [await endpoint(m), await endpoint(m), await endpoint(m)];
      const rows = [];
      for (const [i, e] of eps.entries()) rows.push(await backlog(m, e, 10, i * 1000));
      const jobs = await store.claim({ owner: "w", limit: 100, leaseMs: 60_000, perEndpoint: 4, slots: new Map([[eps[1], 1]]), now: at(60_000) });
      const counts = byEndpoint(jobs);
      expect([counts.get(eps[0]), counts.get(eps[1]), counts.get(eps[2])]).toEqual([4, 1, 4]);
      expect(jobs.filter((j) => j.endpointId === eps[0]).map((j) => j.deliveryId)).toEqual(rows[0].slice(0, 4));
    });

    it("explicit requests count against the limit and their endpoint's free slots", async () => {
      const m = await merchant();
      const [e1, e2] = [await endpoint(m), await endpoint(m)];
      const rows1 = await backlog(m, e1, 4);
      await backlog(m, e2, 4, 100);
      for (const id of rows1.slice(0, 3)) await db.retryRequest.create({ data: { deliveryId: id, endpointId: e1 } });
      const jobs = await store.claim({ owner: "w", limit: 3, leaseMs: 60_000, perEndpoint: 10, now: at(60_000) });
      expect(jobs.map((j) => [j.deliveryId, j.manual])).toEqual(rows1.slice(0, 3).map((id) => [id, true]));
      const slotted = await store.claim({ owner: "w2", limit: 10, leaseMs: 60_000, perEndpoint: 10, slots: new Map([[e1, 0]]), now: at(120_000) });
      expect(byEndpoint(slotted)).toEqual(new Map([[e2, 4]])); // e1's last row waits: its owner has no free slot
    });

    it("endpoints whose pending rows are not due yet use none of the round's budget", async () => {
      const m = await merchant();
      const waiting = [];
      for (let i = 0; i < 10; i++) waiting.push(await endpoint(m));
      for (const e of waiting) await backlog(m, e, 2, 3_600_000); // retrying, due in an hour
      const ready = await endpoint(m);
      const [row] = await backlog(m, ready, 1);
      const jobs = await store.claim({ owner: "w", limit: 2, leaseMs: 60_000, perEndpoint: 1, now: at(60_000) });
      expect(jobs.map((j) => j.deliveryId)).toEqual([row]);
    });

    it("never claims a row twice while its lease runs, and takes it again after the lease expired, with a new token", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 3);
      const first = await store.claim({ owner: "w1", limit: 10, leaseMs: 10_000, perEndpoint: 10, now: at(1_000) });
      expect(first).toHaveLength(3);
      expect(await store.claim({ owner: "w2", limit: 10, leaseMs: 10_000, perEndpoint: 10, now: at(2_000) })).toHaveLength(0);
      const again = await store.claim({ owner: "w2", limit: 10, leaseMs: 10_000, perEndpoint: 10, now: at(12_000) });
      expect(again.map((j) => j.deliveryId).sort()).toEqual(first.map((j) => j.deliveryId).sort());
      expect(again.every((j) => j.leaseToken === first[0].leaseToken + 1)).toBe(true);
    });

    it("a stale lease cannot record over the newer one (fencing token), even for the same owner", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 1);
      const [stale] = await store.claim({ owner: "w", limit: 1, leaseMs: 1_000, perEndpoint: 1, now: at(1_000) });
      const [fresh] = await store.claim({ owner: "w", limit: 1, leaseMs: 60_000, perEndpoint: 1, now: at(5_000) });
      await record(stale, null, at(6_000));
      const row = await db.delivery.findUniqueOrThrow({ where: { id: fresh.deliveryId } });
      expect(row).toMatchObject({ status: "pending", leaseOwner: "w", leaseToken: fresh.leaseToken });
      expect(await db.attempt.count({ where: { deliveryId: fresh.deliveryId } })).toBe(1); // the attempt itself is still logged
      await record(fresh, null, at(7_000));
      expect(await db.delivery.findUniqueOrThrow({ where: { id: fresh.deliveryId } })).toMatchObject({ status: "succeeded", leaseOwner: null });
    });

    it("a stale lease's release or skip leaves the newer lease alone", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 1);
      const [stale] = await store.claim({ owner: "w", limit: 1, leaseMs: 1_000, perEndpoint: 1, now: at(1_000) });
      const [fresh] = await store.claim({ owner: "w", limit: 1, leaseMs: 60_000, perEndpoint: 1, now: at(5_000) });
      await store.release([stale]);
      await store.skip(stale, "stale", at(6_000));
      expect(await db.delivery.findUniqueOrThrow({ where: { id: fresh.deliveryId } })).toMatchObject({
        status: "pending", leaseOwner: "w", leaseToken: fresh.leaseToken, leaseUntil: at(65_000),
      });
    });

    it("does not claim rows that are not due yet", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 2, 10_000);
      expect(await store.claim({ owner: "w", limit: 10, leaseMs: 1_000, perEndpoint: 10, now: at(5_000) })).toHaveLength(0);
      expect(await store.claim({ owner: "w", limit: 10, leaseMs: 1_000, perEndpoint: 10, now: at(10_000) })).toHaveLength(1);
    });

    it("released jobs are claimable again at once", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 2);
      const jobs = await store.claim({ owner: "w", limit: 10, leaseMs: 60_000, perEndpoint: 10, now: at(1_000) });
      await store.release(jobs);
      expect(await store.claim({ owner: "w2", limit: 10, leaseMs: 60_000, perEndpoint: 10, now: at(1_000) })).toHaveLength(2);
      expect(await store.releaseOwner("w2")).toBe(2);
    });
  });

  describe(`circuit breaker in the store (${dialect})`, () => {
    it("opens after the threshold, skips the endpoint while cooling down, then lets exactly one probe through", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 20);
      const jobs = await store.claim({ owner: "w", limit: 3, leaseMs: 60_000, perEndpoint: 3, now: at(1_000) });
      const recorded = [];
      for (const job of jobs) recorded.push(await record(job, "timeout", at(2_000)));
      expect(await endpointRow(e)).toEqual({ consecutiveFailures: 3, breakerTrips: 1, lastError: "failed: timeout", pausedUntil: at(32_000) });
      expect(recorded).toEqual([{ pausedUntil: null }, { pausedUntil: null }, { pausedUntil: at(32_000) }]); // the worker wakes then

      expect(await store.claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(31_000) })).toHaveLength(0);
      const probe = await store.claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(33_000) });
      expect(probe).toHaveLength(1);
      expect(probe[0].isProbe).toBe(true);
      expect((await endpointRow(e)).pausedUntil).toEqual(at(93_000)); // held for the probe's lease
      expect(await store.claim({ owner: "w2", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(34_000) })).toHaveLength(0);

      expect(await record(probe[0], "connection_refused", at(35_000))).toEqual({ pausedUntil: at(95_000) });
      expect(await endpointRow(e)).toMatchObject({ breakerTrips: 2, pausedUntil: at(95_000) }); // 60 s: doubled
    });

    it("two workers claiming at once when the cool-down ends get one probe between them", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 10);
      await db.endpoint.update({ where: { id: e }, data: { pausedUntil: at(1_000), consecutiveFailures: 5, breakerTrips: 1 } });
      const claims = await Promise.all(["a", "b", "c"].map((owner) => store.claim({ owner, limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(2_000) })));
      expect(claims.flat()).toHaveLength(1);
    });

    it("a successful probe closes it and the rest are claimed at once", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 10);
      for (const job of await store.claim({ owner: "w", limit: 3, leaseMs: 60_000, perEndpoint: 3, now: at(1_000) })) await record(job, "dns", at(2_000));
      const [probe] = await store.claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(40_000) });
      await record(probe, null, at(41_000));
      expect(await endpointRow(e)).toEqual({ pausedUntil: null, consecutiveFailures: 0, breakerTrips: 0, lastError: null });
      expect(await store.claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(42_000) })).toHaveLength(9);
    });

    it("an HTTP error answer does not count towards opening it", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 6);
      const jobs = await store.claim({ owner: "w", limit: 6, leaseMs: 60_000, perEndpoint: 6, now: at(1_000) });
      await Promise.all([record(jobs[0], "timeout", at(2_000)), record(jobs[1], "timeout", at(2_000))]); // one batch
      await record(jobs[2], "http_status", at(2_000));
      await record(jobs[3], "timeout", at(2_000));
      expect(await endpointRow(e)).toMatchObject({ pausedUntil: null, consecutiveFailures: 1, lastError: "failed: timeout" });
    });

    it("a RetryRequest (Resend, Recover) is claimed even while the endpoint is paused, and is removed by its attempt", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      const [resent] = await backlog(m, e, 5);
      await db.endpoint.update({ where: { id: e }, data: { pausedUntil: at(3_600_000) } });
      await db.retryRequest.create({ data: { deliveryId: resent, endpointId: e } });
      const jobs = await store.claim({ owner: "w", limit: 50, leaseMs: 60_000, perEndpoint: 50, now: at(10_000) });
      expect(jobs.map((j) => [j.deliveryId, j.manual])).toEqual([[resent, true]]);
      await record(jobs[0], null, at(11_000));
      expect(await db.retryRequest.count()).toBe(0);
    });
  });

  describe(`records (${dialect})`, () => {
    it("counts real attempts into the stats rollup, per hour and latency bucket, in the same batch", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 3);
      const jobs = await store.claim({ owner: "w", limit: 3, leaseMs: 60_000, perEndpoint: 3, now: at(1_000) });
      await Promise.all([record(jobs[0], null, at(2_000)), record(jobs[1], null, at(2_000)), record(jobs[2], "http_status", at(2_000))]);
      expect(await db.attemptStat.findMany({ select: { hour: true, latencyMs: true, succeeded: true, failed: true } })).toEqual([
        { hour: "2026-12-02T12", latencyMs: 1, succeeded: 2, failed: 1 },
      ]);
    });

    it("disables an endpoint whose every attempt failed for the period, once, with an audit entry", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 2);
      const jobs = await store.claim({ owner: "w", limit: 2, leaseMs: 60_000, perEndpoint: 2, now: at(1_000) });
      await record(jobs[0], "http_status", at(2_000));
      await record(jobs[1], "http_status", at(2_000 + settings.autoDisableAfterMs));
      const row = await db.endpoint.findUniqueOrThrow({ where: { id: e } });
      expect(row).toMatchObject({ status: "disabled", disabledReason: "Disabled automatically: every delivery failed for 24 hours (last error: failed: http_status)", failingSince: null });
      expect(await db.auditEntry.count({ where: { endpointId: e, action: "endpoint.disabled" } })).toBe(1);
    });

    it("JSON columns the engine writes read back as values through Prisma (attempt headers, audit detail, previous secrets)", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      const previous = [{ ciphertext: "v1:old", expiresAt: "2026-12-03T12:00:00.000Z" }];
      await db.endpoint.update({ where: { id: e }, data: { previousSecrets: previous } });
      await backlog(m, e, 2);
      const jobs = await store.claim({ owner: "w", limit: 2, leaseMs: 60_000, perEndpoint: 2, now: at(1_000) });
      expect(jobs.map((j) => j.previousSecrets)).toEqual([previous, previous]);
      const answered = { ...result("http_status"), requestHeaders: { "webhook-id": "evt_1", "x-quote": 'a "b" \\ c' }, responseHeaders: { "retry-after": "5" } };
      await store.record({ job: jobs[0], result: answered, plan: { status: "pending", attemptNumber: 1, nextAttemptAt: at(1), disableReason: null }, at: at(2_000), settings });
      await store.record({ job: jobs[1], result: result("timeout"), plan: { status: "failed", attemptNumber: 1, nextAttemptAt: null, disableReason: "gone" }, at: at(2_000), settings });
      const attempts = await db.attempt.findMany({ where: { delivery: { endpointId: e } }, orderBy: { deliveryId: "asc" }, select: { deliveryId: true, requestHeaders: true, responseHeaders: true } });
      expect(attempts.find((a) => a.deliveryId === jobs[0].deliveryId)).toMatchObject({ requestHeaders: answered.requestHeaders, responseHeaders: answered.responseHeaders });
      expect(attempts.find((a) => a.deliveryId === jobs[1].deliveryId)).toMatchObject({ requestHeaders: {}, responseHeaders: null });
      expect((await db.auditEntry.findFirstOrThrow({ where: { endpointId: e, action: "endpoint.disabled" } })).detail).toEqual({ reason: "gone" });
    });

    it("skip closes a claimed delivery as failed without an attempt", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 1);
      const [job] = await store.claim({ owner: "w", limit: 1, leaseMs: 60_000, perEndpoint: 1, now: at(1_000) });
      await store.skip(job, "Not sent: the endpoint is disabled", at(2_000));
      expect(await db.delivery.findUniqueOrThrow({ where: { id: job.deliveryId } })).toMatchObject({ status: "failed", lastError: "Not sent: the endpoint is disabled", completedAt: at(2_000) });
    });
  });

  describe(`notifications: the state change and its outbox row in one transaction (${dialect})`, () => {
    const closeAs = (job: Job, errorKind: SendResult["errorKind"], when: Date, status: "pending" | "failed", disableReason: string | null = null) =>
      store.record({ job, result: result(errorKind), plan: { status, attemptNumber: job.attemptCount + 1, nextAttemptAt: status === "pending" ? at(1) : null, disableReason }, at: when, settings });
    const notifications = (endpointId: string) =>
      db.notification.findMany({ where: { endpointId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { type: true, data: true, count: true, dedupeKey: true, dispatchedAt: true, merchantId: true } });
    const claimAll = (n: number, when: Date) => store.claim({ owner: "w", limit: n, leaseMs: 600_000, perEndpoint: n, now: when });

    it("4 HTTP 500s in a row raise one endpoint.failing; more failures raise nothing; a success raises one endpoint.recovered", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 7);
      const jobs = await claimAll(7, at(1_000));
      for (const [i, job] of jobs.slice(0, 3).entries()) await record(job, "http_status", at(2_000 + i));
      expect(await notifications(e)).toEqual([]);
      await Promise.all(jobs.slice(3, 6).map((job) => record(job, "http_status", at(3_000)))); // the 4th to 6th in one batch
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { failedInARow: true, alertState: true } })).toEqual({ failedInARow: 6, alertState: "failing" });
      const [failing] = await notifications(e);
      expect(await notifications(e)).toHaveLength(1);
      expect(failing).toMatchObject({ type: "endpoint.failing", merchantId: m, count: 1, dedupeKey: null, dispatchedAt: null });
      expect(failing.data).toEqual({ endpointId: e, url: "http://127.0.0.1:9/x", description: "", state: "failing", lastError: "failed: http_status", count: 4, since: at(2_000).toISOString() });
      await record(jobs[6], null, at(4_000));
      const all = await notifications(e);
      expect(all.map((n) => n.type)).toEqual(["endpoint.failing", "endpoint.recovered"]);
      expect(all[1].data).toMatchObject({ state: "ok", since: at(2_000).toISOString() });
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { failedInARow: true, alertState: true } })).toEqual({ failedInARow: 0, alertState: "ok" });
    });

    it("failing every other delivery (never 4 in a row) raises one endpoint.failing from the 15-minute success rate, and no flapping", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 14);
      const jobs = await claimAll(14, at(1_000));
      // succeed, fail, fail, succeed, fail, fail, ...: 1 in 3 succeed, at most 2 failures in a row.
      for (const [i, job] of jobs.entries()) await record(job, i % 3 === 0 ? null : "http_status", at(2_000 + i));
      const raised = await notifications(e);
      expect(raised.map((n) => n.type)).toEqual(["endpoint.failing"]);
      expect(raised[0].data).toMatchObject({ state: "failing", successRate: expect.any(Number) });
      expect((raised[0].data as { successRate: number }).successRate).toBeLessThan(0.5);
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { alertState: true } })).toEqual({ alertState: "failing" });
    });

    it("the breaker opening raises one endpoint.paused with pausedUntil; a failed probe nothing; the probe's success one endpoint.recovered", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 10);
      for (const job of await claimAll(3, at(1_000))) await record(job, "timeout", at(2_000));
      const [paused] = await notifications(e);
      expect(paused).toMatchObject({ type: "endpoint.paused", data: { state: "paused", pausedUntil: at(32_000).toISOString(), lastError: "failed: timeout" } });
      const [probe] = await claimAll(50, at(33_000));
      await record(probe, "connection_refused", at(34_000));
      expect(await notifications(e)).toHaveLength(1);
      const [second] = await claimAll(50, at(200_000));
      expect(second.isProbe).toBe(true);
      await record(second, null, at(201_000));
      expect((await notifications(e)).map((n) => n.type)).toEqual(["endpoint.paused", "endpoint.recovered"]);
    });

    it("a 410 Gone raises endpoint.disabled by the system with the reason, and its delivery counts as exhausted", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 1);
      const [job] = await claimAll(1, at(1_000));
      await closeAs(job, "http_status", at(2_000), "failed", "The endpoint answered 410 Gone");
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { status: true, alertState: true } })).toEqual({ status: "disabled", alertState: "disabled" });
      const rows = (await notifications(e)).sort((a, b) => (a.type < b.type ? -1 : 1)); // one instant: no order between them
      expect(rows.map((n) => [n.type, n.count])).toEqual([["delivery.exhausted", 1], ["endpoint.disabled", 1]]);
      expect(rows[1].data).toMatchObject({ actor: "system", reason: "The endpoint answered 410 Gone", state: "disabled" });
      expect(await db.auditEntry.count({ where: { endpointId: e, action: "endpoint.disabled" } })).toBe(1);
    });

    it("deliveries giving up within one hour add to one delivery.exhausted row (count N, dispatchedAt kept); the next hour starts a new row", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 7);
      const jobs = await claimAll(7, at(1_000));
      await Promise.all(jobs.slice(0, 3).map((job) => closeAs(job, "http_status", at(2_000), "failed"))); // one batch
      await closeAs(jobs[3], "http_status", at(3_000), "failed");
      const [first] = await notifications(e).then((rows) => rows.filter((n) => n.type === "delivery.exhausted"));
      expect(first).toMatchObject({ count: 4, dedupeKey: `delivery.exhausted:${e}:2026-12-02T12`, data: { since: "2026-12-02T12:00:00.000Z", lastError: "failed: http_status" } });
      await db.notification.updateMany({ where: { endpointId: e }, data: { dispatchedAt: at(4_000) } });
      await closeAs(jobs[4], "http_status", at(5_000), "failed");
      await closeAs(jobs[5], "http_status", at(3_600_000), "failed"); // 13:00
      await closeAs(jobs[6], "http_status", at(3_601_000), "pending"); // retried later: not exhausted
      const exhausted = (await notifications(e)).filter((n) => n.type === "delivery.exhausted");
      expect(exhausted.map((n) => [n.dedupeKey, n.count, n.dispatchedAt])).toEqual([
        [`delivery.exhausted:${e}:2026-12-02T12`, 5, at(4_000)],
        [`delivery.exhausted:${e}:2026-12-02T13`, 1, null],
      ]);
    });

    it("a stale lease's record does not count as exhausted, and test sends raise nothing", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await backlog(m, e, 1);
      const [stale] = await store.claim({ owner: "w", limit: 1, leaseMs: 1_000, perEndpoint: 1, now: at(1_000) });
      await store.claim({ owner: "w", limit: 1, leaseMs: 60_000, perEndpoint: 1, now: at(5_000) });
      await closeAs(stale, "http_status", at(6_000), "failed");
      const event = { id: randomUUID(), merchantId: m, type: "checkout_session.expired", payload: "{}", isTest: true, idempotencyKey: null, requestHash: null, createdAt: T0 };
      for (let i = 0; i < 5; i++) {
        const test = await store.publishTest({ ...event, id: randomUUID() }, e, "test:1", at(60_000));
        await closeAs(test, "http_status", at(7_000 + i), "failed");
      }
      expect(await notifications(e)).toEqual([]);
    });
  });

  describe(`person changes and probe verdicts through endpoint-change-tx.ts (${dialect})`, () => {
    let tx: typeof import("./endpoint-change-tx");
    beforeAll(async () => {
      tx = await import("./endpoint-change-tx");
    });
    const types = async (endpointId: string) => (await db.notification.findMany({ where: { endpointId }, select: { type: true, data: true } })).map((n) => n.type);

    it("a disable writes the state and endpoint.disabled (with the actor) together; a rolled-back transaction leaves neither", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await db.endpoint.update({ where: { id: e }, data: { pausedUntil: at(60_000), consecutiveFailures: 3, breakerTrips: 1, alertState: "paused" } });
      await expect(
        db.$transaction(async (t) => {
          expect(await tx.changeEndpointStatus(t, m, e, "disabled", "merchant:ann@shop.example")).toBe(true);
          throw new Error("the caller fails after the change");
        }),
      ).rejects.toThrow("the caller fails");
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { status: true, alertState: true } })).toEqual({ status: "enabled", alertState: "paused" });
      expect(await types(e)).toEqual([]);

      expect(await db.$transaction((t) => tx.changeEndpointStatus(t, m, e, "disabled", "merchant:ann@shop.example"))).toBe(true);
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { status: true, alertState: true, pausedUntil: true, disabledReason: true } })).toEqual({
        status: "disabled", alertState: "disabled", pausedUntil: null, disabledReason: "Disabled by you",
      });
      const [row] = await db.notification.findMany({ where: { endpointId: e } });
      expect(row).toMatchObject({ merchantId: m, type: "endpoint.disabled", dispatchedAt: null, data: { actor: "merchant:ann@shop.example", reason: "Disabled by you", state: "disabled" } });
      expect(await db.$transaction((t) => tx.changeEndpointStatus(t, m, e, "disabled", "merchant:ann@shop.example"))).toBe(false); // no change, no row
      expect(await db.$transaction((t) => tx.changeEndpointStatus(t, "mer_other", e, "enabled", "merchant:eve@x.test"))).toBe(false); // not theirs
      expect(await db.$transaction((t) => tx.changeEndpointStatus(t, m, e, "enabled", "merchant:ann@shop.example"))).toBe(true);
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { status: true, alertState: true } })).toEqual({ status: "enabled", alertState: "disabled" });
      expect(await types(e)).toEqual(["endpoint.disabled"]); // enabling is silent until the first success

      await backlog(m, e, 1);
      const [job] = await store.claim({ owner: "w", limit: 1, leaseMs: 60_000, perEndpoint: 1, now: at(1_000) });
      await record(job, null, at(2_000));
      expect((await types(e)).sort()).toEqual(["endpoint.disabled", "endpoint.recovered"]);
    });

    it("a probe verdict turning to accepting raises endpoint.signature_unverified once", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      await tx.recordSignatureVerdict(m, e, false, at(1_000));
      await tx.recordSignatureVerdict(m, e, true, at(2_000));
      await tx.recordSignatureVerdict(m, e, true, at(3_000));
      await tx.recordSignatureVerdict("mer_other", e, false, at(4_000)); // another merchant's id changes nothing
      expect(await db.endpoint.findUniqueOrThrow({ where: { id: e }, select: { signatureCheckAccepts: true, signatureCheckedAt: true } })).toEqual({ signatureCheckAccepts: true, signatureCheckedAt: at(3_000) });
      expect(await types(e)).toEqual(["endpoint.signature_unverified"]);
    });
  });

  describe(`publish (${dialect})`, () => {
    const event = (merchantId: string, over: Partial<import("./store").NewEvent> = {}) => ({
      id: randomUUID(), merchantId, type: "checkout_session.expired", payload: "{}", isTest: false, idempotencyKey: null, requestHash: null, createdAt: T0, ...over,
    });

    it("stores the event and one pending delivery per enabled endpoint whose filter matches (empty = all)", async () => {
      const m = await merchant();
      const all = await endpoint(m);
      await endpoint(m, ["checkout_session.completed"]);
      const expiredOnly = await endpoint(m, ["checkout_session.expired"]);
      await endpoint(m, [], "disabled");
      const e = event(m);
      expect(await store.publish(e)).toEqual({ kind: "published", deliveries: 2 });
      const rows = await db.delivery.findMany({ where: { eventId: e.id }, select: { endpointId: true, status: true, attemptCount: true }, orderBy: { endpointId: "asc" } });
      expect(rows).toEqual([all, expiredOnly].sort().map((endpointId) => ({ endpointId, status: "pending", attemptCount: 0 })));
    });

    it("an Idempotency-Key raced by many publishes makes one event; an unknown merchant is reported", async () => {
      const m = await merchant();
      await endpoint(m);
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.publish(event(m, { idempotencyKey: "k1", requestHash: "h" }))));
      expect(outcomes.filter((o) => o.kind === "published")).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === "replayed").every((o) => o.kind === "replayed" && o.deliveries === 1 && o.requestHash === "h")).toBe(true);
      expect(await db.event.count({ where: { merchantId: m } })).toBe(1);
      expect(await store.publish(event("mer_missing"))).toEqual({ kind: "merchant_not_found" });
      expect(await store.publish(event("mer_missing", { idempotencyKey: "k" }))).toEqual({ kind: "merchant_not_found" });
    });

    it("publishTest stores a test delivery leased to the caller, so no claim takes it", async () => {
      const m = await merchant();
      const e = await endpoint(m);
      const job = await store.publishTest(event(m, { isTest: true }), e, "test:1", at(60_000));
      expect(job).toMatchObject({ endpointId: e, isTest: true, leaseOwner: "test:1", leaseToken: 1, eventCreatedAt: T0 });
      expect(await store.claim({ owner: "w", limit: 10, leaseMs: 1_000, perEndpoint: 10, now: at(1_000) })).toHaveLength(0);
    });

    it("notify reaches onNotify listeners", async () => {
      const woke = new Promise<void>((resolve) => {
        const off = store.onNotify(() => {
          off();
          resolve();
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // PostgreSQL: LISTEN is set up
      await store.notify();
      await expect(woke).resolves.toBeUndefined();
    });

    it.runIf(dialect === "postgres")("a lost LISTEN connection is opened again: a NOTIFY from another process wakes this one after it", { timeout: 30_000 }, async () => {
      const pg = (await import("pg")).default;
      const other = new pg.Client({ connectionString: database.url }); // another process's connection
      await other.connect();
      let wakes = 0;
      const off = store.onNotify(() => void wakes++);
      const until = async <T>(what: string, read: () => Promise<T | undefined>): Promise<T> => {
        for (let i = 0; i < 100; i++) {
          const value = await read();
          if (value !== undefined) return value;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`timed out waiting for ${what}`);
      };
      const listener = () =>
        other
          .query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN dashx_deliveries'`)
          .then((r) => (r.rows[0] as { pid: number } | undefined)?.pid);
      const notifiedFromElsewhere = async () => {
        const before = wakes;
        await other.query(`SELECT pg_notify('dashx_deliveries', '')`);
        await until("the wake-up", async () => (wakes > before ? true : undefined));
      };
      try {
        const first = await until("the LISTEN connection", listener);
        await notifiedFromElsewhere();
        await other.query(`SELECT pg_terminate_backend($1)`, [first]);
        await until("a new LISTEN connection", async () => {
          const pid = await listener();
          return pid !== undefined && pid !== first ? pid : undefined;
        });
        await notifiedFromElsewhere();
      } finally {
        off();
        await other.end();
      }
    });
  });
}
