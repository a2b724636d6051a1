// The SQLite store's own thread, seen from the process that owns it: group commits are posted to it
// (thread.ts runs them on its own connection) and resolve with its answer. Started on first use; while
// no batch is out it does not keep the process alive. If it dies, the batches it held fail (their
// callers treat that as any failed write: an unrecorded attempt is sent again when its lease expires)
// and the next batch starts a new thread.
import path from "node:path";
import { isMainThread, Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import type { Outcome } from "../group-commit";
import type { StoreOp } from "./ops";

type Reply = { ready: true } | { seq: number; outcomes: Outcome[] } | { seq: number; error: unknown };

/** The thread failed before it could run anything: its batches are safe to run on the event loop instead. */
export class StoreThreadUnavailable extends Error {}
type Waiter = { resolve: (outcomes: Outcome[]) => void; reject: (error: unknown) => void };

class StoreThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiter>();
  #seq = 0;
  #ready = false;
  dead = false;

  constructor() {
    // Resolved at run time from the project root: the bundler must not try to follow it.
    const boot = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "delivery", "sqlite", "thread-boot.cjs");
    this.#worker = new Worker(boot);
    this.#worker.unref();
    this.#worker.on("message", (reply: Reply) => {
      if ("ready" in reply) {
        this.#ready = true;
        return;
      }
      const waiter = this.#waiting.get(reply.seq);
      this.#waiting.delete(reply.seq);
      if (this.#waiting.size === 0) this.#worker.unref();
      if ("error" in reply) waiter?.reject(reply.error);
      else waiter?.resolve(reply.outcomes);
    });
    this.#worker.on("error", (error) => this.#fail(error));
    this.#worker.on("exit", (code) => this.#fail(new Error(`the SQLite store thread exited (code ${code})`)));
  }

  run(ops: StoreOp[]): Promise<Outcome[]> {
    if (this.#waiting.size === 0) this.#worker.ref(); // a batch is out: stay alive for its answer
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#waiting.set(seq, { resolve, reject });
      this.#worker.postMessage({ seq, ops });
    });
  }

  /** Stops the thread; batches still out fail. */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    if (this.dead) return;
    this.dead = true;
    if (!this.#ready) {
      // It never started (tsx missing, say): nothing ran there, so its batches run here, and so does every later one.
      console.error(`[sqlite] the store thread could not start (${error.message}); the store's batches run on the event loop`);
      globalForThread.dashxStoreThreadUnavailable = true;
      error = new StoreThreadUnavailable(error.message);
    } else console.error(`[sqlite] store thread stopped (${error.message}); its batches failed, the next one starts a new thread`);
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
  }
}

const globalForThread = globalThis as unknown as { dashxStoreThread?: StoreThread; dashxStoreThreadUnavailable?: boolean };

/** The store thread, or null where batches run on this thread (turned off, could not start, or this is that thread). */
export function storeThread(): StoreThread | null {
  if (!isMainThread || env().WEBHOOK_SQLITE_THREAD === "false" || globalForThread.dashxStoreThreadUnavailable) return null;
  if (!globalForThread.dashxStoreThread || globalForThread.dashxStoreThread.dead) globalForThread.dashxStoreThread = new StoreThread();
  return globalForThread.dashxStoreThread;
}
