// The delivery worker: claims due deliveries with a lease and sends them with bounded concurrency,
// overall and per endpoint, so one slow or hanging endpoint cannot starve the rest. Any number of
// workers may share one database; a crashed worker's leases expire and the rows become claimable again.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { deliver } from "./deliver";
import { claim, releaseJobs, releaseLeases, type Job } from "./store";
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

type Lane = { running: number; waiting: Array<{ job: Job; claimedAt: number }> };

export class DeliveryWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // Per endpoint: attempts running, and claimed jobs waiting for a slot. A lane holds at most
  // perEndpoint waiting jobs, so a wait lasts about one timeout at worst, well inside the lease.
  #lanes = new Map<string, Lane>();
  #running = 0;
  #waiting = 0;
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
      // Only attempts in flight count against the cap: jobs waiting in a busy lane (a slow endpoint's)
      // must not use up the slots of every other endpoint. A lane waits for at most perEndpoint jobs.
      const free = this.options.concurrency - this.#running;
      if (free <= 0 || this.#stopped) return;
      const full = [...this.#lanes].filter(([, lane]) => lane.running + lane.waiting.length >= 2 * this.options.perEndpoint).map(([id]) => id);
      let claimed: Job[];
      try {
        claimed = await claim({ owner: this.id, limit: Math.min(free, 100), leaseMs: this.options.leaseMs, excludeEndpoints: full });
      } catch (error) {
        console.error("[worker] claim failed", error instanceof Error ? error.message : error);
        return;
      }
      const overflow: Job[] = [];
      for (const job of claimed) {
        const lane = this.#lane(job.endpointId);
        if (lane.running < this.options.perEndpoint) this.#run(job, lane);
        else if (lane.waiting.length < this.options.perEndpoint) {
          lane.waiting.push({ job, claimedAt: Date.now() });
          this.#waiting++;
        } else overflow.push(job);
      }
      if (overflow.length > 0) await this.#release(overflow);
      // More may be due; after an overflow the lanes that overflowed are full, so the next claim skips
      // them and reaches the other endpoints' rows queued behind a slow endpoint's older backlog.
      if (claimed.length === Math.min(free, 100) || overflow.length > 0) this.#again = true;
    } while (this.#again && !this.#stopped);
  }

  #lane(endpointId: string): Lane {
    let lane = this.#lanes.get(endpointId);
    if (!lane) this.#lanes.set(endpointId, (lane = { running: 0, waiting: [] }));
    return lane;
  }

  #run(job: Job, lane: Lane): void {
    this.#running++;
    lane.running++;
    // A failure to record leaves the lease to expire: the delivery is sent again (at-least-once).
    deliver(job, { leaseOwner: this.id })
      .then((outcome) => {
        if (outcome.plan?.nextAttemptAt) this.#wakeAt(outcome.plan.nextAttemptAt);
      })
      .catch((error: unknown) => console.error(`[worker] delivery ${job.deliveryId} failed to record`, error instanceof Error ? error.message : error))
      .finally(() => {
        this.#running--;
        lane.running--;
        const next = this.#stopped ? undefined : lane.waiting.shift();
        if (next) {
          this.#waiting--;
          this.#run(next.job, lane);
        } else if (lane.running === 0 && lane.waiting.length === 0) {
          this.#lanes.delete(job.endpointId);
        }
        if (this.#running === 0) this.#idle.splice(0).forEach((resolve) => resolve());
        this.kick();
      });
  }

  /** Kicks when a retry falls due, so short retry delays do not wait for the next poll. */
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

  async #release(jobs: Job[]): Promise<void> {
    await releaseJobs(jobs.map((j) => j.deliveryId), this.id);
  }

  /** Stops claiming, gives back jobs not started, waits up to `graceMs` for attempts in flight, then releases any lease still held. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#wakeTimer);
    this.#unsubscribe?.();
    const notStarted = [...this.#lanes.values()].flatMap((lane) => lane.waiting.splice(0).map((w) => w.job));
    this.#waiting = 0;
    if (notStarted.length > 0) await this.#release(notStarted);
    if (this.#running > 0) {
      await Promise.race([new Promise<void>((resolve) => this.#idle.push(resolve)), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    await releaseLeases(this.id);
  }
}
