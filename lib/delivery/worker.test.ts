// The worker's scheduling, on its own: lanes per endpoint, the working and socket budgets, prefetch,
// wake-ups and graceful stop. Its two seams are replaced by recorders: the store (a queue of due jobs
// that honours the claim's limit and slots; the real claim is store-conformance.ts's) and deliver (an
// attempt the test finishes when it wants). Fairness, leases and the breaker across real workers and
// databases are the integration suites' (delivery-isolation, multi-process).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Job } from "./job";
import type { Plan } from "./plan";
import type { SendResult } from "./send";
import type { ClaimOptions } from "./store";
import { testJob } from "./test-job";

type Running = { job: Job; finish: (answer: Partial<SendResult>, plan?: Partial<Plan>, pausedUntil?: Date) => void; fail: (error: Error) => void };

const world = vi.hoisted(() => ({
  due: [] as Job[],
  claims: [] as ClaimOptions[],
  released: [] as string[],
  releasedOwners: [] as string[],
  running: [] as Running[],
  listeners: new Set<() => void>(),
  claimError: undefined as Error | undefined,
}));

vi.mock("@/lib/ops/heartbeat", () => ({ startHeartbeat: () => async () => {} }));
vi.mock("./store", () => ({
  deliveryStore: async () => ({
    async claim(options: ClaimOptions): Promise<Job[]> {
      world.claims.push({ ...options, slots: new Map(options.slots) });
      if (world.claimError) throw world.claimError;
      const taken: Job[] = [];
      const perEndpoint = new Map<string, number>();
      for (const job of [...world.due]) {
        if (taken.length === options.limit) break;
        const free = options.slots?.get(job.endpointId) ?? options.perEndpoint;
        const used = perEndpoint.get(job.endpointId) ?? 0;
        if (used >= free) continue;
        perEndpoint.set(job.endpointId, used + 1);
        taken.push(job);
        world.due.splice(world.due.indexOf(job), 1);
      }
      return taken;
    },
    async release(jobs: Job[]) {
      world.released.push(...jobs.map((j) => j.deliveryId));
    },
    async releaseOwner(owner: string) {
      world.releasedOwners.push(owner);
      return 0;
    },
    onNotify(listener: () => void) {
      world.listeners.add(listener);
      return () => world.listeners.delete(listener);
    },
  }),
}));
vi.mock("./deliver", () => ({
  deliver: (job: Job, { onSent }: { onSent?: (result: SendResult) => void }) =>
    new Promise((resolve, reject) => {
      world.running.push({
        job,
        finish(answer, plan, pausedUntil) {
          const result: SendResult = { ok: true, statusCode: 200, durationMs: 5, requestHeaders: {}, responseHeaders: {}, responseBody: null, errorKind: null, errorMessage: null, ...answer };
          onSent?.(result);
          resolve({
            delivered: result.ok,
            plan: { status: result.ok ? "succeeded" : "pending", attemptNumber: 1, nextAttemptAt: null, disableReason: null, ...plan },
            pausedUntil: pausedUntil ?? null,
          });
        },
        fail: reject,
      });
    }),
}));

let DeliveryWorker: (typeof import("./worker"))["DeliveryWorker"];
beforeAll(async () => {
  ({ DeliveryWorker } = await import("./worker"));
});

let workers: Array<InstanceType<typeof DeliveryWorker>> = [];
beforeEach(() => {
  world.due.length = 0;
  world.claims.length = 0;
  world.released.length = 0;
  world.releasedOwners.length = 0;
  world.running.length = 0;
  world.listeners.clear();
  world.claimError = undefined;
});
afterEach(async () => {
  for (const r of world.running.splice(0)) r.finish({});
  await Promise.all(workers.map((w) => w.stop(0)));
  workers = [];
});

const jobs = (endpointId: string, count: number): Job[] => Array.from({ length: count }, () => testJob({ endpointId }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
const runningFor = (endpointId: string) => world.running.filter((r) => r.job.endpointId === endpointId);

async function startWorker(options: Partial<{ concurrency: number; perEndpoint: number; pollMs: number }> = {}) {
  const worker = new DeliveryWorker({ concurrency: 8, perEndpoint: 2, leaseMs: 60_000, pollMs: 60_000, ...options });
  workers.push(worker);
  await worker.start();
  return worker;
}

describe("DeliveryWorker", () => {
  it("claims under its own lease owner, up to its working budget, and sends each claimed job", async () => {
    world.due.push(...jobs("ep_a", 2), ...jobs("ep_b", 2));
    const worker = await startWorker({ concurrency: 8 });
    await until(() => world.running.length === 4, "four attempts");
    expect(world.claims[0]).toMatchObject({ owner: worker.id, limit: 8, leaseMs: 60_000, perEndpoint: 2 });
    expect(worker.inFlight).toBe(4);
    for (const r of world.running.splice(0)) r.finish({});
    await until(() => worker.inFlight === 0, "attempts recorded");
  });

  it("never has more than perEndpoint attempts of one endpoint in flight; a fast lane prefetches and starts its next job at once", async () => {
    world.due.push(...jobs("ep_a", 2));
    await startWorker({ perEndpoint: 2 });
    await until(() => world.running.length === 2, "two attempts");
    world.due.push(...jobs("ep_a", 6));
    // A fast answer makes the lane prefetch: up to 2 × perEndpoint held, at most perEndpoint sending.
    world.running.shift()!.finish({ durationMs: 5 });
    await until(() => world.due.length === 3, "the fast lane's claim");
    expect(world.claims.at(-1)!.slots?.get("ep_a")).toBe(3);
    await sleep(30);
    expect(runningFor("ep_a")).toHaveLength(2); // three claimed: one sending, two ready
    const before = new Set(world.running.map((r) => r.job.deliveryId));
    const claims = world.claims.length;
    world.running.shift()!.finish({ durationMs: 5 });
    await until(() => runningFor("ep_a").length === 2, "the next job of the lane started");
    expect(world.running.some((r) => !before.has(r.job.deliveryId))).toBe(true);
    expect(world.running.length).toBe(2);
    expect(world.claims.length).toBeGreaterThanOrEqual(claims); // the ready job started without waiting for a claim
  });

  it("an endpoint that keeps attempts waiting past a second moves to the socket budget: other endpoints keep the working budget", async () => {
    world.due.push(...jobs("ep_hang", 4));
    const worker = await startWorker({ concurrency: 2, perEndpoint: 2 });
    await until(() => runningFor("ep_hang").length === 2, "the hanging endpoint's attempts");
    world.due.push(...jobs("ep_ok", 2));
    await sleep(200);
    expect(runningFor("ep_ok")).toHaveLength(0); // the working budget (2) is held by the hanging attempts
    await until(() => runningFor("ep_ok").length === 2, "the healthy endpoint's attempts", 3_000);
    expect(runningFor("ep_hang")).toHaveLength(2); // still waiting, now as sockets
    expect(worker.inFlight).toBe(4);
    expect(world.claims.at(-1)!.slots?.get("ep_hang")).toBe(0); // a slow lane at its cap takes nothing more
    expect(world.due.filter((j) => j.endpointId === "ep_hang")).toHaveLength(2);
  });

  it("a lane that turns slow gives back the jobs it had prefetched, so another worker can send them", async () => {
    world.due.push(...jobs("ep_a", 2));
    await startWorker({ perEndpoint: 2 });
    await until(() => world.running.length === 2, "two attempts");
    world.due.push(...jobs("ep_a", 3));
    world.running.shift()!.finish({ durationMs: 5 }); // fast: the lane prefetches
    await until(() => world.due.length === 0, "the prefetch claim");
    expect(world.released).toEqual([]);
    // The attempt still running passes a second without an answer: the lane is slow.
    await until(() => world.released.length === 2, "the two ready jobs released", 3_000);
    const running = new Set(world.running.map((r) => r.job.deliveryId));
    expect(world.released.some((id) => running.has(id))).toBe(false);
  });

  it("an attempt that timed out moves its lane to the socket budget at once (the breaker will likely open)", async () => {
    world.due.push(...jobs("ep_a", 2));
    await startWorker({ concurrency: 2, perEndpoint: 2 });
    await until(() => world.running.length === 2, "two attempts");
    world.due.push(...jobs("ep_b", 2));
    const began = Date.now();
    world.running.shift()!.finish({ ok: false, statusCode: null, errorKind: "timeout", durationMs: 10_000 }, { nextAttemptAt: new Date(Date.now() + 3_600_000) });
    // The other ep_a attempt no longer holds working budget: both ep_b jobs start, well before a second.
    await until(() => runningFor("ep_b").length === 2, "both ep_b attempts", 800);
    expect(Date.now() - began).toBeLessThan(800);
    expect(runningFor("ep_a")).toHaveLength(1);
  });

  it("a notify from any process wakes it at once; a retry due before the next poll wakes it too", async () => {
    await startWorker({ pollMs: 60_000 });
    await until(() => world.claims.length === 1, "the first claim");
    world.due.push(...jobs("ep_a", 1));
    for (const listener of world.listeners) listener();
    await until(() => world.running.length === 1, "the notified job");
    world.running.shift()!.finish({ ok: false, statusCode: 500, errorKind: "http_status" }, { nextAttemptAt: new Date(Date.now() + 150) });
    await sleep(40);
    world.due.push(...jobs("ep_a", 1)); // the retry, as the store makes it due
    const claims = world.claims.length;
    await until(() => world.claims.length > claims && world.running.length === 1, "the wake-up at the retry's time", 2_000);
  });

  it("an attempt that leaves its endpoint paused wakes it when the cool-down ends (the probe), not at the next poll", async () => {
    await startWorker({ pollMs: 60_000 });
    await until(() => world.claims.length === 1, "the first claim");
    world.due.push(...jobs("ep_a", 1));
    for (const listener of world.listeners) listener();
    await until(() => world.running.length === 1, "the job");
    // Its retry falls due in 50 ms, but the breaker's cool-down ends only in 300 ms: the wake-up at the retry
    // claims nothing (the store skips a paused endpoint), and the one at the cool-down's end takes the probe.
    world.running.shift()!.finish({ ok: false, statusCode: null, errorKind: "timeout" }, { nextAttemptAt: new Date(Date.now() + 50) }, new Date(Date.now() + 300));
    await sleep(150); // past the retry's wake-up, before the cool-down's end
    world.due.push(...jobs("ep_a", 1)); // the probe, as the store lets it be claimed once pausedUntil passed
    await until(() => world.running.length === 1, "the wake-up at the cool-down's end", 2_000);
  });

  it("a failed claim is logged and the next kick claims again", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    world.claimError = new Error("database is locked");
    const worker = await startWorker();
    await until(() => world.claims.length === 1, "the failing claim");
    expect(errors).toHaveBeenCalledWith("[worker] claim failed", "database is locked");
    world.claimError = undefined;
    world.due.push(...jobs("ep_a", 1));
    worker.kick();
    await until(() => world.running.length === 1, "the job claimed after the failure");
    errors.mockRestore();
  });

  it("a delivery that fails to record frees its slots (its lease will expire and it is sent again)", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    world.due.push(...jobs("ep_a", 1));
    const worker = await startWorker();
    await until(() => world.running.length === 1, "the attempt");
    world.running.shift()!.fail(new Error("disk I/O error"));
    await until(() => worker.inFlight === 0, "the slot freed");
    expect(errors.mock.calls[0]![0]).toMatch(/^\[worker\] delivery dlv_\d+ failed to record$/);
    errors.mockRestore();
  });

  it("stop() claims nothing more, gives back jobs not started, waits for attempts in flight, then releases its leases", async () => {
    world.due.push(...jobs("ep_a", 2));
    const worker = await startWorker({ perEndpoint: 2 });
    await until(() => world.running.length === 2, "two attempts");
    world.due.push(...jobs("ep_a", 3));
    world.running.shift()!.finish({ durationMs: 5 }); // fast: the lane prefetches two
    await until(() => world.due.length === 0 && world.running.length === 2, "one more sending, two ready");
    const stopping = worker.stop(5_000);
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await until(() => world.released.length === 2, "the ready jobs given back");
    await sleep(50);
    expect(stopped).toBe(false); // two attempts are still in flight
    expect(world.releasedOwners).toEqual([]);
    const claimsAtStop = world.claims.length;
    world.due.push(...jobs("ep_b", 1));
    worker.kick();
    for (const r of world.running.splice(0)) r.finish({});
    await stopping;
    expect(world.releasedOwners).toEqual([worker.id]);
    expect(world.claims.length).toBe(claimsAtStop);
    expect(world.running).toHaveLength(0);
    expect(world.listeners.size).toBe(0); // no longer woken by notifies
  });

  it("stop() gives up waiting after the grace period and still releases every lease", async () => {
    world.due.push(...jobs("ep_a", 1));
    const worker = await startWorker();
    await until(() => world.running.length === 1, "the attempt");
    const began = Date.now();
    await worker.stop(100);
    expect(Date.now() - began).toBeGreaterThanOrEqual(95);
    expect(world.releasedOwners).toEqual([worker.id]);
  });
});
