// The database's side of /metrics, read at scrape time: the queue, endpoints held back, live workers.
// Cheap on a large Delivery table: every Delivery query has status = 'pending' as the leading column
// of the (status, endpointId, nextAttemptAt) index, so it reads the backlog's index entries only (no
// table rows) and never the done rows, which are history and may be millions. Dialect neutral (Prisma).
import { db } from "@/lib/db/client";
import { liveSince } from "./heartbeat";

export type QueueFigures = {
  /** Pending deliveries whose next attempt is due (including those being attempted right now). */
  due: number;
  /** Pending deliveries waiting for a later retry. */
  delayed: number;
  /** Seconds since the longest-waiting due delivery became due; 0 when nothing is due. */
  oldestDueAgeSeconds: number;
  endpointsPaused: number;
  endpointsDisabled: number;
  workersLive: number;
  /** Attempts in flight summed over the live workers (as of their last beat). */
  attemptsInFlight: number;
};

export async function readQueueFigures(now = new Date()): Promise<QueueFigures> {
  const pending = { status: "pending" } as const;
  // groupBy, not count() + aggregate(): one pass over the due index entries yields both the count and
  // the oldest (count() and aggregate() make a pass each, through a subquery that selects "id", which
  // the index lacks). Measured with `npm run bench:metrics` (docs/DEPLOY.md).
  // Prisma runs these one at a time on SQLite (one connection behind the process gate) and in
  // parallel on a pool: either way each is short and holds no lock a writer needs.
  const [due, delayed, endpointsPaused, endpointsDisabled, workers] = await Promise.all([
    db.delivery.groupBy({ by: ["status"], where: { ...pending, nextAttemptAt: { lte: now } }, _count: { _all: true }, _min: { nextAttemptAt: true } }),
    db.delivery.groupBy({ by: ["status"], where: { ...pending, nextAttemptAt: { gt: now } }, _count: { _all: true } }),
    // Endpoint is small (at most WEBHOOK_MAX_ENDPOINTS per merchant): a scan of it is cheap.
    db.endpoint.count({ where: { pausedUntil: { gt: now } } }),
    db.endpoint.count({ where: { status: "disabled" } }),
    db.workerHeartbeat.aggregate({ where: { beatAt: { gte: liveSince(now) } }, _count: { _all: true }, _sum: { inFlight: true } }),
  ]);
  const oldestDue = due[0]?._min.nextAttemptAt;
  return {
    due: due[0]?._count._all ?? 0,
    delayed: delayed[0]?._count._all ?? 0,
    oldestDueAgeSeconds: oldestDue ? Math.max(0, (now.getTime() - oldestDue.getTime()) / 1000) : 0,
    endpointsPaused,
    endpointsDisabled,
    workersLive: workers._count._all,
    attemptsInFlight: workers._sum.inFlight ?? 0,
  };
}
