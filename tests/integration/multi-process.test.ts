// Scale-out on PostgreSQL: two app instances (npm start with WEBHOOK_WORKER_IN_PROCESS=false) and two
// delivery workers (npm run worker) on ONE database, as behind a load balancer. Whatever must hold for
// one instance holds across them: the 5-endpoint limit, Idempotency-Keys, sessions and sign-in
// throttling (also across a restart), wake-ups from a publish on either instance to an out-of-process
// worker, and no event lost when a worker is killed -9 mid-stream or an instance goes away.
// This file always runs on PostgreSQL (a database of its own), whichever TEST_DATABASE says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, type TestDatabase } from "@/lib/delivery/test-db";
import { runPrefix } from "./test-database";
import { ENV, expectAtLeastOnce, LEASE_MS, recordedAttempts, slowReceiver, unrecordedAfterKill } from "./crash-helpers";
import { eventData, intake, percentile, PLATFORM_TOKEN, publish, sleep, waitFor, webhookId, type Published } from "./delivery-helpers";
import { startReceiver, type Receiver } from "../support/receiver";
import { runScript, startApp, START_TIMEOUT_MS, type App, type Script } from "./harness";
import { createEndpoint, HttpClient, logIn, PASSWORD, type Merchant } from "./http-client";
import type { CreatedEndpoint, Endpoint } from "./shapes";

let database: TestDatabase;
let a: App;
let b: App;
let receiver: Receiver;
let merchant: Merchant;
let endpoint: CreatedEndpoint;
const workers: Script[] = [];
let env: Record<string, string>;

const worker = () => {
  const w = runScript("scripts/worker.ts", [], env);
  workers.push(w);
  return w;
};
/** The same session cookie, presented to another instance. */
const sameSession = (app: App) => {
  const client = new HttpClient(app.baseUrl);
  for (const [k, v] of merchant.client.cookies) client.cookies.set(k, v);
  return client;
};

beforeAll(async () => {
  database = await createPostgresDatabase(`${runPrefix()}_multi`); // the suite's teardown drops it if this file cannot
  env = { ...ENV, DATABASE_URL: database.url, DATABASE_POOL_SIZE: "5", WEBHOOK_WORKER_IN_PROCESS: "false", RATE_LIMIT_LOGIN_EMAIL: "5/600", WEBHOOK_WORKER_POLL_MS: "5000", WEBHOOK_BREAKER_COOLDOWN: "3s" };
  // Two instances starting at once on an empty database: both run the migrations; the advisory lock
  // makes one apply them and the other find nothing to do.
  [a, b, receiver] = await Promise.all([startApp(env), startApp(env), startReceiver()]);
  merchant = await a.merchant("Scale-out Merchant");
}, START_TIMEOUT_MS + 60_000);

afterAll(async () => {
  try {
    await Promise.all(workers.map((w) => w.kill("SIGKILL")));
    await Promise.all([a?.stop(), b?.stop(), receiver?.close()]);
  } finally {
    await database?.remove();
  }
});

describe("two app instances and two workers on one PostgreSQL database", () => {
  it("a session made on one instance works on the other", async () => {
    const me = await sameSession(b).get("/api/v1/merchant");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: merchant.id });
  });

  it("30 racing creates split across both instances leave exactly 5 endpoints", async () => {
    const clients = [merchant.client, sameSession(b)];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => clients[i % 2].request("POST", "/api/v1/webhooks", { json: { url: receiver.url(`/race-${i}`) } })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 409).every((r) => (r.body as { error: { code: string } }).error.code === "webhook_limit_reached")).toBe(true);
    expect(answers.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    const list = await sameSession(b).get("/api/v1/webhooks");
    const endpoints = (list.body as { data: Array<{ id: string }> }).data;
    expect(endpoints).toHaveLength(5);
    // Keep one, for the deliveries below.
    for (const e of endpoints) expect((await merchant.client.request("DELETE", `/api/v1/webhooks/${e.id}`)).status).toBe(204);
    endpoint = await createEndpoint(merchant.client, { url: receiver.url("/scale-out") });
  }, 60_000);

  it("one Idempotency-Key raced on both instances makes one event", async () => {
    const key = `multi-${Date.now()}`;
    const body = { merchantId: merchant.id, type: "checkout_session.completed", data: eventData("checkout_session.completed") };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => intake(i % 2 === 0 ? a.baseUrl : b.baseUrl, body, { idempotencyKey: key })));
    expect(answers.map((r) => `${r.status} ${r.status === 202 ? "" : r.text}`.trim())).toEqual(answers.map(() => "202"));
    expect(new Set(answers.map((r) => (r.body as { id: string }).id)).size).toBe(1);
  });

  it("a publish on either instance reaches an idle out-of-process worker quickly (LISTEN/NOTIFY): p50 under 250 ms", async () => {
    worker();
    worker();
    await waitFor("the workers to deliver the raced event", () => receiver.requests.length >= 1, 30_000, 20);
    const sent = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const before = Date.now(); // from the request, not its 202: the delivery may already be on its way
      const p = await publish(i % 2 === 0 ? a.baseUrl : b.baseUrl, merchant.id, "checkout_session.expired", i);
      sent.set(p.id, before);
      await sleep(50); // idle between events: each waits on a wake-up, not on a busy loop (the poll is 5 s)
    }
    await waitFor("the 40 events", () => [...sent.keys()].every((id) => receiver.requests.some((r) => webhookId(r) === id)), 20_000, 5);
    const latencies = [...sent].map(([id, at]) => receiver.requests.find((r) => webhookId(r) === id)!.at - at);
    console.log("[multi-process] publish→delivery p50/p95 (ms)", percentile(latencies, 50), percentile(latencies, 95));
    expect(percentile(latencies, 50)).toBeLessThan(250);
  }, 60_000);

  it("fairness and the breaker hold across the two workers: 3 hanging endpoints with 300 deliveries leave another merchant at p95 < 1 s, pause within three rounds of both workers' slots, then one probe per cool-down between the workers", async () => {
    const hanging = await startReceiver();
    hanging.respondWith({ kind: "hang" });
    const other = await b.merchant("Hanging Merchant");
    const stuck = await Promise.all([0, 1, 2].map((i) => createEndpoint(other.client, { url: hanging.url(`/hang-${i}`) })));
    const attemptTimes = (e: CreatedEndpoint) => hanging.requests.filter((r) => r.path === new URL(e.url).pathname).map((r) => r.at);
    // Each endpoint's first pausedUntil, as the API shows it: the end of the first cool-down. It is shown
    // for 3 s, until the probe's claim replaces it, so a poll every 50 ms cannot miss it.
    const firstCoolDownEnd = new Map<string, number>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const e of stuck.filter((s) => !firstCoolDownEnd.has(s.id))) {
          const until = ((await other.client.get(`/api/v1/webhooks/${e.id}`)).body as Endpoint).health.pausedUntil;
          if (until) firstCoolDownEnd.set(e.id, Date.parse(until));
        }
        await sleep(50);
      }
    })();
    try {
      const backlog = Promise.all(Array.from({ length: 100 }, (_, i) => publish(i % 2 === 0 ? a.baseUrl : b.baseUrl, other.id, "checkout_session.expired", i)));
      const sent = new Map<string, number>();
      for (let i = 0; i < 20; i++) {
        const before = Date.now();
        sent.set((await publish(i % 2 === 0 ? b.baseUrl : a.baseUrl, merchant.id, "checkout_session.completed", i)).id, before);
        await sleep(100);
      }
      await backlog;
      await waitFor("the healthy merchant's 20 events", () => [...sent.keys()].every((id) => receiver.requests.some((r) => webhookId(r) === id)), 20_000, 5);
      const latencies = [...sent].map(([id, at]) => receiver.requests.find((r) => webhookId(r) === id)!.at - at);
      console.log("[multi-process] healthy beside 3 hanging endpoints, p50/p95 (ms)", percentile(latencies, 50), percentile(latencies, 95));
      expect(percentile(latencies, 95)).toBeLessThan(1_000);

      await waitFor("the three hanging endpoints to pause", () => firstCoolDownEnd.size === stuck.length, 20_000, 50);
      // The failed probe re-opens the breaker for 6 s, so the next probe comes 6.5 s (its timeout and the
      // cool-down) after the first one at the earliest.
      await sleep(Math.max(...firstCoolDownEnd.values()) + 6_000 - Date.now());
      const seen = stuck.map((e) => {
        const end = firstCoolDownEnd.get(e.id)!;
        const times = attemptTimes(e);
        return { before: times.filter((t) => t < end).length, probes: times.filter((t) => t >= end && t < end + 6_000).map((t) => t - end) };
      });
      console.log("[multi-process] breaker: attempts before the cool-down ended", seen.map((x) => x.before), "then ms to each probe", seen.map((x) => x.probes));
      for (const { before, probes } of seen) {
        // A worker frees a slot when an attempt ends and may refill it before that failure is committed, so
        // until the fifth failure (the default threshold) is committed each worker's 8 slots can be used
        // twice, and a third time when that commit takes longer than one 500 ms timeout.
        expect(before).toBeGreaterThanOrEqual(5);
        expect(before).toBeLessThanOrEqual(3 * 2 * 8);
        // Then one probe per cool-down between the two workers (without the breaker each endpoint's 100
        // deliveries and their retries would keep coming), sent when the cool-down ends: the recording
        // worker wakes for it (9-76 ms here, also with both cores busy), where the poll (5 s) could
        // leave it waiting up to 5 s.
        expect(probes).toHaveLength(1);
        expect(probes[0]).toBeLessThan(1_000);
      }
    } finally {
      watching = false;
      await watch;
      await Promise.all(stuck.map((e) => other.client.request("DELETE", `/api/v1/webhooks/${e.id}`)));
      await hanging.close();
    }
  }, 90_000);

  it("1,000 events through both instances, one worker killed -9 mid-stream: none lost, duplicates share their webhook-id", async () => {
    receiver.requests.length = 0;
    slowReceiver(receiver, 10);
    const published: Published[] = [];
    const publishing = (async () => {
      for (let i = 0; i < 1_000; i += 20) {
        const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => publish((i + j) % 2 === 0 ? a.baseUrl : b.baseUrl, merchant.id, "checkout_session.completed", i + j)));
        published.push(...batch);
      }
    })();
    await waitFor("200 events at the receiver", () => new Set(receiver.requests.map(webhookId)).size >= 200, 60_000, 5);
    await workers[0].kill("SIGKILL");
    const mayRepeat = new Set<string>();
    await unrecordedAfterKill(a.databaseUrl, receiver, endpoint.id, mayRepeat);
    await publishing;
    await waitFor("every published event at the receiver", () => new Set(receiver.requests.map(webhookId)).size >= published.length, LEASE_MS + 60_000, 20);
    expectAtLeastOnce(receiver.requests, published, endpoint.secret, mayRepeat, await recordedAttempts(a.databaseUrl, endpoint.id));
  }, 180_000);

  it("sign-in throttling is shared by the instances and survives a restart", async () => {
    // 5 attempts per account (a successful sign-in gives its points back): wrong passwords spread over
    // both instances spend them all, so each instance refuses the right one.
    for (let i = 0; i < 5; i++) expect((await logIn((i % 2 ? b : a).client(), merchant.email, `wrong-${i}`)).status).toBe(401);
    expect((await logIn(a.client(), merchant.email, PASSWORD)).status).toBe(429);
    expect((await logIn(b.client(), merchant.email, PASSWORD)).status).toBe(429);
    const port = b.port;
    await b.stop();
    b = await startApp(env, { port });
    const limited = await logIn(b.client(), merchant.email, PASSWORD);
    expect(limited.status).toBe(429);
  }, START_TIMEOUT_MS);

  it("an instance killed, the other keeps serving the dashboard API and the intake", async () => {
    await a.kill();
    expect((await sameSession(b).get("/api/v1/webhooks")).status).toBe(200);
    const p = await publish(b.baseUrl, merchant.id, "checkout_session.canceled", 1);
    await waitFor("the event published after the kill", () => receiver.requests.some((r) => webhookId(r) === p.id), 20_000, 20);
  }, 60_000);
});
