// The SQLite store's own thread: batches really run there, and a thread that dies costs only the batches
// it held (the next one starts a new thread).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshTestDatabase, type TestDatabase } from "../test-db";

let database: TestDatabase;
let db: (typeof import("@/lib/db/client"))["db"];
let store: import("../store").DeliveryStore;
let storeThread: (typeof import("./thread-client"))["storeThread"];
let merchantId: string;

beforeAll(async () => {
  database = await freshTestDatabase("sqlite");
  ({ db } = await import("@/lib/db/client"));
  store = await (await import("../store")).deliveryStore();
  ({ storeThread } = await import("./thread-client"));
  merchantId = `mer_${Date.now()}`;
  await db.merchant.create({ data: { id: merchantId, name: "M", email: `${merchantId}@x.test`, passwordHash: "x" } });
  await db.endpoint.create({ data: { id: `ep_${merchantId}`, merchantId, url: "http://127.0.0.1:9/x", eventTypes: [], secretCiphertext: "v1:x" } });
}, 60_000);
afterAll(async () => {
  await storeThread()?.terminate();
  await db.$disconnect();
  await database.remove();
});

const event = (n: number) => ({
  id: `evt_${merchantId}_${n}`,
  merchantId,
  type: "checkout_session.expired",
  payload: "{}",
  isTest: false,
  idempotencyKey: null,
  requestHash: null,
  createdAt: new Date(),
});

describe("the SQLite store thread", () => {
  it("runs publish and claim there: this thread never opens the store's connection", async () => {
    expect(storeThread()).not.toBeNull();
    expect(await store.publish(event(1))).toEqual({ kind: "published", deliveries: 1 });
    const jobs = await store.claim({ owner: "w1", limit: 10, leaseMs: 60_000, perEndpoint: 10 });
    expect(jobs.map((j) => j.eventId)).toEqual([event(1).id]);
    expect(jobs[0].eventCreatedAt).toBeInstanceOf(Date); // structured clone keeps Dates
    expect(await store.releaseOwner("w1")).toBe(1);
    expect((globalThis as { dashxSqlite?: unknown }).dashxSqlite).toBeUndefined();
  });

  it("whoever queues at the gate (Prisma, the purge) while publishes stream to the thread goes before any batch posted after it", async () => {
    // Open loop, as an intake under load: new publishes arrive while batches are out, so one hold of the
    // gate could last as long as the stream does.
    const { dbGate } = await import("@/lib/db/gate");
    const pending: Promise<unknown>[] = [];
    const doneAt: number[] = [];
    let n = 0;
    const feed = setInterval(() => {
      for (let i = 0; i < 50; i++) {
        const k = n++;
        pending.push(store.publish(event(1_000_000 + k)).then(() => (doneAt[k] = performance.now())));
      }
    }, 1);
    let queuedAt = 0;
    let grantedAt = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Between two batches the gate can be free, and then it is granted before the feed issues anything:
      // a sample with nothing to check. Queue again until one waited while publishes arrived.
      for (let sample = 0; sample < 50; sample++) {
        queuedAt = n; // publishes from here on were issued after it queued
        const release = await dbGate.acquire();
        grantedAt = performance.now();
        release();
        if (n > queuedAt) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      clearInterval(feed);
      await Promise.all(pending);
    }
    const later = doneAt.slice(queuedAt);
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((t) => t < grantedAt)).toEqual([]); // none of them committed before it had its turn
  }, 30_000);

  it("a thread that dies fails the batches it held; the next batch starts a new one and nothing committed is lost", async () => {
    const first = storeThread()!;
    const held = store.publish(event(2));
    await first.terminate();
    const settled = await held.then(
      () => "committed",
      () => "failed",
    );
    expect(["committed", "failed"]).toContain(settled); // never left hanging
    expect(storeThread()).not.toBe(first);
    expect(await store.publish(event(3))).toEqual({ kind: "published", deliveries: 1 });
    const ids = (await db.event.findMany({ where: { merchantId }, select: { id: true } })).map((e) => e.id);
    expect(ids).toContain(event(3).id);
    expect(ids.includes(event(2).id)).toBe(settled === "committed");
  });
});
