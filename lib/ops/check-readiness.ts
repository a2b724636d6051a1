// GET /readyz for load balancers: may this process take traffic? The database answers, every shipped
// migration is applied, and the delivery worker this process runs (if any) is beating. The answer is
// public (no authentication), so it names checks, never internals: causes go to the log.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { HEARTBEAT_STALE_MS, liveSince, localWorkerIds } from "./heartbeat";
import { pendingMigrations } from "./pending-migrations";
import type { Check, CheckName } from "./public-readiness";

/** A load balancer gives up after a few seconds; answer before it does, even if the database hangs. */
const CHECK_TIMEOUT_MS = 2_000;

export type Readiness = { ready: boolean; failed: CheckName[]; checks: Record<CheckName, Check> };

function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function checkDatabase(): Promise<Check> {
  try {
    await within(db.$queryRaw`SELECT 1`);
    return { status: "ok" };
  } catch (error) {
    console.error("[readyz] database check failed", error instanceof Error ? error.message : error);
    return { status: "failed", message: "The database did not answer SELECT 1" };
  }
}

async function checkMigrations(): Promise<Check> {
  try {
    const pending = await within(pendingMigrations());
    if (pending.length === 0) return { status: "ok" };
    return { status: "failed", message: `Not applied: ${pending.join(", ")} (run npm run db:migrate)` };
  } catch (error) {
    console.error("[readyz] migration check failed", error instanceof Error ? error.message : error);
    return { status: "failed", message: "Could not read the migration history" };
  }
}

async function checkWorker(now: Date): Promise<Check> {
  if (env().WEBHOOK_WORKER_IN_PROCESS === "false") return { status: "skipped", message: "No delivery worker in this process (WEBHOOK_WORKER_IN_PROCESS=false)" };
  const ids = localWorkerIds();
  if (ids.length === 0) return { status: "failed", message: "The in-process delivery worker is not running" };
  try {
    const rows = await within(db.workerHeartbeat.findMany({ where: { id: { in: ids } }, select: { id: true, beatAt: true } }));
    const beats = new Map(rows.map((r) => [r.id, r.beatAt]));
    for (const id of ids) {
      const beatAt = beats.get(id);
      if (!beatAt) return { status: "failed", message: "The in-process delivery worker has not written a heartbeat yet" };
      if (beatAt < liveSince(now)) {
        const age = Math.round((now.getTime() - beatAt.getTime()) / 1000);
        return { status: "failed", message: `The in-process delivery worker's heartbeat is ${age} s old (stale after ${HEARTBEAT_STALE_MS / 1000} s)` };
      }
    }
    return { status: "ok" };
  } catch (error) {
    console.error("[readyz] heartbeat check failed", error instanceof Error ? error.message : error);
    return { status: "failed", message: "Could not read the worker heartbeat" };
  }
}

export async function checkReadiness(now = new Date()): Promise<Readiness> {
  const database = await checkDatabase();
  const notChecked: Check = { status: "skipped", message: "Not checked: the database did not answer" };
  const [migrations, worker] = database.status === "ok" ? await Promise.all([checkMigrations(), checkWorker(now)]) : [notChecked, notChecked];
  const checks = { database, migrations, worker };
  const failed = (Object.keys(checks) as CheckName[]).filter((name) => checks[name].status === "failed");
  return { ready: failed.length === 0, failed, checks };
}
