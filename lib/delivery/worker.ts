// The delivery worker: claims due deliveries with a lease and runs attempts with bounded concurrency,
// overall and per endpoint, so one slow endpoint cannot starve the rest. Any number of workers may
// run against one database; a crashed worker's leases expire and the rows become claimable again.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { attemptDelivery } from "./attempt";
import { claimDueDeliveries, releaseLeases } from "./claim";
import { onNewDeliveries } from "./wakeup";

export type WorkerOptions = { concurrency: number; perEndpoint: number; leaseMs: number; pollMs: number };

export function workerOptionsFromEnv(): WorkerOptions {
  const e = env();
  return {
    concurrency: e.WEBHOOK_WORKER_CONCURRENCY,
    perEndpoint: e.WEBHOOK_WORKER_PER_ENDPOINT,
    leaseMs: e.WEBHOOK_TIMEOUT_MS + 30_000,
    pollMs: e.WEBHOOK_WORKER_POLL_MS,
  };
}

export class DeliveryWorker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  #inFlight = new Map<string, number>(); // endpointId -> attempts running
  #running = 0;
  #pumping = false;
  #again = false;
  #stopped = true;
  #timer: NodeJS.Timeout | undefined;
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

  /** Claims as much as capacity allows. Calls that arrive mid-claim make the loop go round again. */
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
      const saturated = [...this.#inFlight].filter(([, n]) => n >= this.options.perEndpoint).map(([id]) => id);
      let claimed: Awaited<ReturnType<typeof claimDueDeliveries>>;
      try {
        claimed = await claimDueDeliveries({ owner: this.id, limit: Math.min(free, 100), leaseMs: this.options.leaseMs, excludeEndpoints: saturated });
      } catch (error) {
        console.error("[worker] claim failed", error instanceof Error ? error.message : error);
        return;
      }
      for (const delivery of claimed) this.#run(delivery.id, delivery.endpointId);
      if (claimed.length === free) this.#again = true; // there may be more due work
    } while (this.#again && !this.#stopped);
  }

  #run(deliveryId: string, endpointId: string): void {
    this.#running++;
    this.#inFlight.set(endpointId, (this.#inFlight.get(endpointId) ?? 0) + 1);
    attemptDelivery(deliveryId, { leaseOwner: this.id })
      .catch((error: unknown) => console.error(`[worker] delivery ${deliveryId} failed to process`, error instanceof Error ? error.message : error))
      .finally(() => {
        this.#running--;
        const left = (this.#inFlight.get(endpointId) ?? 1) - 1;
        if (left > 0) this.#inFlight.set(endpointId, left);
        else this.#inFlight.delete(endpointId);
        if (this.#running === 0) this.#idle.splice(0).forEach((resolve) => resolve());
        this.kick();
      });
  }

  /** Stops claiming, waits up to `graceMs` for attempts in flight, then releases any lease still held. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    if (this.#running > 0) {
      await Promise.race([new Promise<void>((resolve) => this.#idle.push(resolve)), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    await releaseLeases(this.id);
  }
}
