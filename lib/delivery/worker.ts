// The delivery worker: claims due deliveries with a lease and sends them, with a cap on attempts in
// flight overall (sized for I/O waits: a hanging endpoint holds sockets and timers, not CPU) and per
// endpoint. The claim itself is fair across endpoints (lib/delivery/claim.ts). Each endpoint's lane
// also keeps up to `perEndpoint` claimed jobs ready, so a freed slot starts the next attempt at once
// instead of waiting for a claim's commit; a lane only ever waits on its own endpoint. Any number of
// workers may share one database; a crashed worker's leases expire and the rows become claimable again.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { deliver } from "./deliver";
import { tripsBreaker } from "./breaker";
import { claim } from "./claim";
import type { Job } from "./job";
import { releaseJobs, releaseLeases } from "./record";
import { onNewDeliveries } from "./wakeup";

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

type Lane = { sending: number; ready: Job[] };

export class DeliveryWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** Attempts from their start until recorded. */
  #running = 0;
  /** Per endpoint: requests on the wire (a slot frees once the response is in, before recording) and claimed jobs ready to go. */
  #lanes = new Map<string, Lane>();
  #ready = 0;
  #pumping = false;
  #again = false;
  #stopped = true;
  #timer: NodeJS.Timeout | undefined;
  #wakeTimer: NodeJS.Timeout | undefined;
  #nextWake: number | undefined;
  #unsubscribe: (() => void) | undefined;
  #idle: Array<() => void> = [];

  constructor(private readonly options: WorkerOptions = workerOptionsFromEnv()) {}

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unsubscribe = onNewDeliveries(() => this.kick());
    this.#timer = setInterval(() => this.kick(), this.options.pollMs);
    this.#timer.unref();
    this.kick();
  }

  /** Attempts in flight now (claimed and not yet recorded). */
  get inFlight(): number {
    return this.#running;
  }

  /** Claims as much as capacity allows; calls that arrive mid-claim make the loop go round again. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void this.#pump().finally(() => (this.#pumping = false));
  }

  async #pump(): Promise<void> {
    do {
      this.#again = false;
      const free = this.options.concurrency - this.#running - this.#ready;
      if (free <= 0 || this.#stopped) return;
      const limit = Math.min(free, CLAIM_BATCH);
      const busy = new Map([...this.#lanes].map(([id, lane]) => [id, lane.sending + lane.ready.length]));
      let claimed: Job[];
      try {
        claimed = await claim({ owner: this.id, limit, leaseMs: this.options.leaseMs, perEndpoint: 2 * this.options.perEndpoint, busy });
      } catch (error) {
        console.error("[worker] claim failed", error instanceof Error ? error.message : error);
        return;
      }
      if (this.#stopped) {
        await releaseJobs(claimed.map((j) => j.deliveryId), this.id);
        return;
      }
      for (const job of claimed) {
        const lane = this.#lane(job.endpointId);
        if (lane.sending < this.options.perEndpoint) this.#run(job, lane);
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
    if (!lane) this.#lanes.set(endpointId, (lane = { sending: 0, ready: [] }));
    return lane;
  }

  #run(job: Job, lane: Lane): void {
    this.#running++;
    lane.sending++;
    let sent = false;
    const endpointSlotFree = (errorKind: Parameters<typeof tripsBreaker>[0]) => {
      if (sent) return;
      sent = true;
      lane.sending--;
      // An endpoint that just failed to answer is likely to open its breaker: give its ready jobs back
      // rather than spend them on it; the claim decides when it is tried again.
      if (tripsBreaker(errorKind) && lane.ready.length > 0) this.#giveBack(lane.ready.splice(0));
      const next = this.#stopped ? undefined : lane.ready.shift();
      if (next) {
        this.#ready--;
        this.#run(next, lane);
      } else if (lane.sending === 0 && lane.ready.length === 0) this.#lanes.delete(job.endpointId);
      this.kick();
    };
    // A failure to record leaves the lease to expire: the delivery is sent again (at-least-once).
    deliver(job, { leaseOwner: this.id, onSent: (result) => endpointSlotFree(result.errorKind) })
      .then((outcome) => {
        if (outcome.plan?.nextAttemptAt) this.#wakeAt(outcome.plan.nextAttemptAt);
      })
      .catch((error: unknown) => console.error(`[worker] delivery ${job.deliveryId} failed to record`, error instanceof Error ? error.message : error))
      .finally(() => {
        endpointSlotFree(null);
        this.#running--;
        if (this.#running === 0) this.#idle.splice(0).forEach((resolve) => resolve());
        this.kick();
      });
  }

  #giveBack(jobs: Job[]): void {
    this.#ready -= jobs.length;
    releaseJobs(jobs.map((j) => j.deliveryId), this.id).catch((error: unknown) =>
      console.error("[worker] release failed (the leases will expire)", error instanceof Error ? error.message : error),
    );
  }

  /** Kicks when a retry (or a breaker cool-down) falls due, so short delays do not wait for the next poll. */
  #wakeAt(at: Date): void {
    const delay = at.getTime() - Date.now();
    if (this.#stopped || delay >= this.options.pollMs) return; // the poll will find it in time
    if (this.#nextWake !== undefined && this.#nextWake <= at.getTime()) return;
    clearTimeout(this.#wakeTimer);
    this.#nextWake = at.getTime();
    this.#wakeTimer = setTimeout(() => {
      this.#nextWake = undefined;
      this.kick();
    }, Math.max(0, delay) + 5);
    this.#wakeTimer.unref();
  }

  /** Stops claiming, gives back jobs not started, waits up to `graceMs` for attempts in flight, then releases any lease still held. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#wakeTimer);
    this.#unsubscribe?.();
    const notStarted = [...this.#lanes.values()].flatMap((lane) => lane.ready.splice(0));
    this.#ready = 0;
    if (notStarted.length > 0) await releaseJobs(notStarted.map((j) => j.deliveryId), this.id);
    if (this.#running > 0) {
      await Promise.race([new Promise<void>((resolve) => this.#idle.push(resolve)), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    await releaseLeases(this.id);
  }
}
