// Worker heartbeats: every delivery worker upserts its WorkerHeartbeat row every few seconds with its
// attempts in flight, and deletes it when it stops cleanly. /readyz reads this process's own row (the
// beat reached the database, so the worker's loop and its connection are alive); /metrics counts the
// fresh rows of every process. A killed worker leaves its row behind, which then simply goes stale.
import os from "node:os";
import { db } from "@/lib/db/client";

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A row is live while its last beat is younger than this: one missed beat is not an outage. */
export const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_INTERVAL_MS;
/** Rows of workers that died without stopping are removed once this old, so the table stays tiny. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export type BeatingWorker = { readonly id: string; readonly inFlight: number };

/** Beats of the workers running in this process (kept across Next dev reloads, like the worker itself). */
const globalForBeats = globalThis as unknown as { dashxHeartbeats?: Set<string> };
const localWorkers = (globalForBeats.dashxHeartbeats ??= new Set<string>());

/** Ids of the workers this process runs (started and not yet stopped). */
export function localWorkerIds(): string[] {
  return [...localWorkers];
}

/** Heartbeats younger than this are live. */
export const liveSince = (now: Date) => new Date(now.getTime() - HEARTBEAT_STALE_MS);

/** Starts beating for `worker` (first beat now); the returned function stops and removes its row. */
export function startHeartbeat(worker: BeatingWorker, intervalMs = HEARTBEAT_INTERVAL_MS): () => Promise<void> {
  const startedAt = new Date();
  const identity = { host: os.hostname(), pid: process.pid, startedAt };
  let stopped = false;
  let failing = false;
  let inProgress: Promise<void> | undefined;

  const write = async () => {
    const beatAt = new Date();
    await db.workerHeartbeat.upsert({
      where: { id: worker.id },
      create: { id: worker.id, ...identity, beatAt, inFlight: worker.inFlight },
      update: { beatAt, inFlight: worker.inFlight },
    });
  };
  // One beat at a time (a slow database must not pile them up). Failures are logged once per streak:
  // an outage would otherwise print every 5 s, and /readyz already reports it (the row goes stale).
  const beat = () => {
    if (stopped || inProgress) return;
    inProgress = write()
      .then(() => {
        if (failing) console.log(`[heartbeat] ${worker.id} beating again`);
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) console.error(`[heartbeat] ${worker.id} could not beat`, error instanceof Error ? error.message : error);
        failing = true;
      })
      .finally(() => (inProgress = undefined));
  };

  localWorkers.add(worker.id);
  beat();
  void db.workerHeartbeat
    .deleteMany({ where: { beatAt: { lt: new Date(startedAt.getTime() - FORGET_AFTER_MS) } } })
    .catch((error: unknown) => console.error("[heartbeat] could not remove long-dead workers' rows", error instanceof Error ? error.message : error));
  const timer = setInterval(beat, intervalMs);
  timer.unref();

  return async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    localWorkers.delete(worker.id);
    await inProgress; // a beat in progress must not re-create the row after the delete
    await db.workerHeartbeat
      .deleteMany({ where: { id: worker.id } })
      .catch((error: unknown) => console.error(`[heartbeat] ${worker.id} could not remove its row (it goes stale)`, error instanceof Error ? error.message : error));
  };
}
