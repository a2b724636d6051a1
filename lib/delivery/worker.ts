// The delivery worker: claims due deliveries with a lease and sends them, with a cap on attempts in
// flight overall (sized for I/O waits: a hanging endpoint holds sockets and timers, not CPU) and per
// endpoint. The claim itself is fair across endpoints (lib/delivery/store.ts), and it only takes what
// can start at once, so nothing claimed waits behind a slow endpoint. Any number of workers may share
// one database; a crashed worker's leases expire and the rows become claimable again.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { deliver } from "./deliver";
import { claim } from "./claim";
import type { Job } from "./job";
import { releaseLeases } from "./record";
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

export class DeliveryWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** Attempts from claim until recorded. */
  #running = 0;
  /** Requests on the wire, per endpoint (a slot is free again once the response is in, before recording). */
  #sending = new Map<string, number>();
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
      const free = this.options.concurrency - this.#running;
      if (free <= 0 || this.#stopped) return;
      const limit = Math.min(free, CLAIM_BATCH);
      let claimed: Job[];
      try {
        claimed = await claim({ owner: this.id, limit, leaseMs: this.options.leaseMs, perEndpoint: this.options.perEndpoint, busy: this.#sending });
      } catch (error) {
        console.error("[worker] claim failed", error instanceof Error ? error.message : error);
        return;
      }
      for (const job of claimed) this.#run(job);
      if (claimed.length === limit) this.#again = true; // more may be due
    } while (this.#again && !this.#stopped);
  }

  #run(job: Job): void {
    this.#running++;
    this.#sending.set(job.endpointId, (this.#sending.get(job.endpointId) ?? 0) + 1);
    let sent = false;
    const endpointSlotFree = () => {
      if (sent) return;
      sent = true;
      const n = (this.#sending.get(job.endpointId) ?? 1) - 1;
      if (n > 0) this.#sending.set(job.endpointId, n);
      else this.#sending.delete(job.endpointId);
      this.kick();
    };
    // A failure to record leaves the lease to expire: the delivery is sent again (at-least-once).
    deliver(job, { leaseOwner: this.id, onSent: endpointSlotFree })
      .then((outcome) => {
        if (outcome.plan?.nextAttemptAt) this.#wakeAt(outcome.plan.nextAttemptAt);
      })
      .catch((error: unknown) => console.error(`[worker] delivery ${job.deliveryId} failed to record`, error instanceof Error ? error.message : error))
      .finally(() => {
        endpointSlotFree();
        this.#running--;
        if (this.#running === 0) this.#idle.splice(0).forEach((resolve) => resolve());
        this.kick();
      });
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

  /** Stops claiming, waits up to `graceMs` for attempts in flight, then releases any lease still held. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#wakeTimer);
    this.#unsubscribe?.();
    if (this.#running > 0) {
      await Promise.race([new Promise<void>((resolve) => this.#idle.push(resolve)), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    await releaseLeases(this.id);
  }
}
