// The delivery worker: claims due deliveries with a lease and sends them. The claim is fair across
// endpoints (lib/delivery/claim-plan.ts); here each endpoint has a lane that caps its attempts in flight.
//
// Capacity is split by what an attempt costs. An attempt that answers within a second uses the scarce
// budget (WEBHOOK_WORKER_CONCURRENCY, CPU and memory for work in progress). One that has waited longer
// moves its lane to "slow": its attempts then cost only a socket and a timer, so they count against a
// separate, larger socket budget, and healthy endpoints keep the whole working budget however many
// endpoints hang. Lanes that have proven fast also keep up to their cap of claimed jobs ready, so a freed
// slot starts the next attempt at once instead of waiting for a claim's commit. Any number of workers
// may share one database; a crashed worker's leases expire and the rows become claimable again.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { startHeartbeat } from "@/lib/ops/heartbeat";
import { tripsBreaker } from "./breaker";
import { deliver } from "./deliver";
import type { Job } from "./job";
import { deliveryStore, type DeliveryStore } from "./store";

export type WorkerOptions = { concurrency: number; perEndpoint: number; leaseMs: number; pollMs: number };

export function workerOptionsFromEnv(): WorkerOptions {
  const e = env();
  return {
    concurrency: e.WEBHOOK_WORKER_CONCURRENCY,
    perEndpoint: e.WEBHOOK_WORKER_PER_ENDPOINT,
    leaseMs: e.WEBHOOK_TIMEOUT_MS * 3 + 10_000,
    pollMs: e.WEBHOOK_WORKER_POLL_MS,
  };
}

/** Rows per claim round at most: keeps one round's transaction short when thousands of slots are free. */
const CLAIM_BATCH = 256;
/** An attempt still waiting after this long marks its endpoint slow. */
const SLOW_MS = 1_000;
/** Sockets held by slow attempts, as a multiple of the working budget (the process has 20,000 descriptors here). */
const SLOW_BUDGET_FACTOR = 4;
/** Wake-up times are rounded up to this, so a busy retry schedule keeps at most pollMs / WAKE_GRAIN_MS of them. */
const WAKE_GRAIN_MS = 20;

type Attempt = { countsAsWork: boolean; timer: NodeJS.Timeout | undefined };
/** new: no answer seen yet (no prefetch); fast: answers within SLOW_MS (prefetches); slow: waits longer. */
type Lane = { state: "new" | "fast" | "slow"; sending: Set<Attempt>; ready: Job[] };

export class DeliveryWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  #lanes = new Map<string, Lane>();
  /** Attempts counted against the working budget (from start until recorded), and jobs ready in lanes. */
  #working = 0;
  #ready = 0;
  /** Attempts of slow lanes: sockets waiting on endpoints that take long or never answer. */
  #slow = 0;
  #pumping = false;
  #again = false;
  #stopped = true;
  #timer: NodeJS.Timeout | undefined;
  #wakeTimer: NodeJS.Timeout | undefined;
  #nextWake: number | undefined;
  /** Due times (ms) within the next poll interval that the wake timer still has to kick for. */
  readonly #wakes = new Set<number>();
  #unsubscribe: (() => void) | undefined;
  #idle: Array<() => void> = [];
  #stopHeartbeat: (() => Promise<void>) | undefined;

  constructor(private readonly options: WorkerOptions = workerOptionsFromEnv()) {}

  #store: DeliveryStore | undefined;

  async start(): Promise<void> {
    if (!this.#stopped) return;
    this.#stopped = false;
    const store = (this.#store = await deliveryStore());
    this.#unsubscribe = store.onNotify(() => this.kick());
    this.#timer = setInterval(() => this.kick(), this.options.pollMs);
    this.#timer.unref();
    this.#stopHeartbeat = startHeartbeat(this); // /readyz and /metrics (lib/ops/heartbeat.ts)
    this.kick();
  }

  /** Attempts in flight now (started and not yet recorded). */
  get inFlight(): number {
    return this.#working + this.#slow;
  }

  /** Claims as much as capacity allows; calls that arrive mid-claim make the loop go round again. */
  kick(): void {
    if (this.#stopped || !this.#store) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void this.#pump().finally(() => (this.#pumping = false));
  }

  /** Free slots of the endpoints this worker has lanes for (others get `perEndpoint`). */
  #slots(): Map<string, number> {
    const cap = this.options.perEndpoint;
    const slowFull = this.#slow >= SLOW_BUDGET_FACTOR * this.options.concurrency;
    const slots = new Map<string, number>();
    for (const [id, lane] of this.#lanes) {
      const held = lane.sending.size + lane.ready.length;
      if (lane.state === "fast") slots.set(id, 2 * cap - held);
      else if (lane.state === "slow" && slowFull) slots.set(id, 0);
      else slots.set(id, cap - held);
    }
    return slots;
  }

  async #pump(): Promise<void> {
    const store = this.#store!;
    do {
      this.#again = false;
      const free = this.options.concurrency - this.#working - this.#ready;
      if (free <= 0 || this.#stopped) return;
      const limit = Math.min(free, CLAIM_BATCH);
      let claimed: Job[];
      try {
        claimed = await store.claim({ owner: this.id, limit, leaseMs: this.options.leaseMs, perEndpoint: this.options.perEndpoint, slots: this.#slots() });
      } catch (error) {
        console.error("[worker] claim failed", error instanceof Error ? error.message : error);
        return;
      }
      if (this.#stopped) {
        await store.release(claimed);
        return;
      }
      for (const job of claimed) {
        const lane = this.#lane(job.endpointId);
        if (lane.sending.size < this.options.perEndpoint) this.#run(job, lane);
        else {
          lane.ready.push(job);
          this.#ready++;
        }
      }
      if (claimed.length === limit) this.#again = true; // more may be due
    } while (this.#again && !this.#stopped);
  }

  #lane(endpointId: string): Lane {
    let lane = this.#lanes.get(endpointId);
    if (!lane) this.#lanes.set(endpointId, (lane = { state: "new", sending: new Set(), ready: [] }));
    return lane;
  }

  /** The lane waits on its endpoint: its attempts move to the socket budget, its ready jobs go back. */
  #markSlow(lane: Lane): void {
    if (lane.state !== "slow") {
      lane.state = "slow";
      for (const attempt of lane.sending) this.#moveToSlow(attempt);
    }
    if (lane.ready.length > 0) this.#giveBack(lane.ready.splice(0));
  }

  #moveToSlow(attempt: Attempt): void {
    if (!attempt.countsAsWork) return;
    attempt.countsAsWork = false;
    this.#working--;
    this.#slow++;
    this.kick(); // the working budget it held is free for others
  }

  #run(job: Job, lane: Lane): void {
    const attempt: Attempt = { countsAsWork: lane.state !== "slow", timer: undefined };
    if (attempt.countsAsWork) this.#working++;
    else this.#slow++;
    lane.sending.add(attempt);
    attempt.timer = setTimeout(() => this.#markSlow(lane), SLOW_MS);
    attempt.timer.unref();
    let sent = false;
    const endpointSlotFree = (answered: { errorKind: Parameters<typeof tripsBreaker>[0]; durationMs: number } | null) => {
      if (sent) return;
      sent = true;
      clearTimeout(attempt.timer);
      lane.sending.delete(attempt);
      if (answered) {
        // Gave no answer: the breaker is likely to open, so spend nothing more on it now. Answered in
        // time: the lane is fast again.
        if (tripsBreaker(answered.errorKind)) this.#markSlow(lane);
        else if (answered.durationMs < SLOW_MS) lane.state = "fast";
      }
      const next = this.#stopped ? undefined : lane.ready.shift();
      if (next) {
        this.#ready--;
        this.#run(next, lane);
      } else if (lane.sending.size === 0 && lane.ready.length === 0) this.#lanes.delete(job.endpointId);
      this.kick();
    };
    // A failure to record leaves the lease to expire: the delivery is sent again (at-least-once).
    deliver(job, { onSent: endpointSlotFree })
      .then((outcome) => {
        if (outcome.plan?.nextAttemptAt) this.#wakeAt(outcome.plan.nextAttemptAt);
        if (outcome.pausedUntil) this.#wakeAt(outcome.pausedUntil); // the probe, when the cool-down ends
      })
      .catch((error: unknown) => console.error(`[worker] delivery ${job.deliveryId} failed to record`, error instanceof Error ? error.message : error))
      .finally(() => {
        endpointSlotFree(null);
        if (attempt.countsAsWork) this.#working--;
        else this.#slow--;
        if (this.inFlight === 0) this.#idle.splice(0).forEach((resolve) => resolve());
        this.kick();
      });
  }

  #giveBack(jobs: Job[]): void {
    this.#ready -= jobs.length;
    this.#store!.release(jobs).catch((error: unknown) =>
      console.error("[worker] release failed (the leases will expire)", error instanceof Error ? error.message : error),
    );
  }

  /**
   * Kicks when a retry (or a breaker cool-down) falls due, so short delays do not wait for the next poll.
   * Every such time within the poll interval is kept (to WAKE_GRAIN_MS), not only the earliest: a retry due
   * in 200 ms must not hide a cool-down ending in 3 s, which that wake-up's claim could not take yet.
   */
  #wakeAt(at: Date): void {
    if (this.#stopped || at.getTime() - Date.now() >= this.options.pollMs) return; // the poll will find it in time
    this.#wakes.add(Math.ceil(at.getTime() / WAKE_GRAIN_MS) * WAKE_GRAIN_MS);
    this.#armWake();
  }

  #armWake(): void {
    if (this.#wakes.size === 0) return;
    const next = Math.min(...this.#wakes);
    if (this.#nextWake === next) return;
    clearTimeout(this.#wakeTimer);
    this.#nextWake = next;
    this.#wakeTimer = setTimeout(() => {
      this.#nextWake = undefined;
      for (const t of this.#wakes) if (t <= next) this.#wakes.delete(t);
      this.kick();
      this.#armWake();
    }, Math.max(0, next - Date.now()) + 5);
    this.#wakeTimer.unref();
  }

  /** Stops claiming, gives back jobs not started, waits up to `graceMs` for attempts in flight, then releases any lease still held. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#wakeTimer);
    this.#wakes.clear();
    this.#unsubscribe?.();
    const notStarted = [...this.#lanes.values()].flatMap((lane) => lane.ready.splice(0));
    this.#ready = 0;
    if (notStarted.length > 0) await this.#store?.release(notStarted);
    if (this.inFlight > 0) {
      await Promise.race([new Promise<void>((resolve) => this.#idle.push(resolve)), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    await this.#store?.releaseOwner(this.id);
    await this.#stopHeartbeat?.();
  }
}
