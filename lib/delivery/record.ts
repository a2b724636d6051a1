// Recording attempts: the Attempt row, the delivery's next state (closed, or its retry), the endpoint's
// health (auto-disable clock, circuit breaker) in one savepoint of the next group commit. Also the two
// ways a claimed delivery ends without an attempt: skipped (endpoint disabled) and released.
import { dbGate } from "@/lib/db/gate";
import { fromSqlDate, stmt, toSqlDate } from "@/lib/db/sqlite";
import { countAttempt } from "./attempt-stat";
import { breakerAfterAttempt, CLOSED, type BreakerSettings } from "./breaker";
import { inGroupCommit } from "./group-commit";
import type { Job } from "./job";
import type { Plan } from "./plan";
import type { SendResult } from "./send";
import { newId } from "./store";

export type AttemptRecord = {
  job: Job;
  leaseOwner: string;
  result: SendResult;
  plan: Plan;
  at: Date;
  autoDisableAfterMs: number;
  breaker: BreakerSettings;
};

/** "5 days", "36 hours", "2 seconds": the largest unit that states the period exactly (else rounded seconds). */
export function describeDuration(ms: number): string {
  const units: Array<[string, number]> = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000], ["second", 1_000]];
  const [name, size] = units.find(([, size]) => ms >= size && ms % size === 0) ?? ["second", 1_000];
  const n = Math.max(1, Math.round(ms / size));
  return `${n} ${name}${n === 1 ? "" : "s"}`;
}

function recordOne({ job, leaseOwner, result, plan, at, autoDisableAfterMs, breaker }: AttemptRecord): void {
  const insertAttempt = stmt(
    `INSERT INTO "Attempt" ("id","deliveryId","attemptNumber","requestHeaders","responseStatus","responseHeaders","responseBody","durationMs","errorKind","errorMessage","createdAt")
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const updateDelivery = stmt(
    `UPDATE "Delivery" SET "status" = ?, "attemptCount" = ?, "lastStatusCode" = ?, "lastError" = ?, "lastDurationMs" = ?,
       "nextAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL, "completedAt" = ?, "updatedAt" = ?
     WHERE "id" = ? AND "leaseOwner" = ?`,
  );
  // The common case (a success on a healthy endpoint) matches no row: no write.
  const healthy = stmt(
    `UPDATE "Endpoint" SET "failingSince" = NULL, "consecutiveFailures" = 0, "pausedUntil" = NULL, "breakerTrips" = 0, "lastError" = NULL
     WHERE "id" = ? AND ("failingSince" IS NOT NULL OR "consecutiveFailures" > 0 OR "pausedUntil" IS NOT NULL OR "lastError" IS NOT NULL)`,
  );
  const failing = stmt(`UPDATE "Endpoint" SET "failingSince" = COALESCE("failingSince", ?), "lastError" = ? WHERE "id" = ?`);
  const breakerState = stmt(`SELECT "consecutiveFailures", "pausedUntil", "breakerTrips" FROM "Endpoint" WHERE "id" = ?`);
  const setBreaker = stmt(`UPDATE "Endpoint" SET "consecutiveFailures" = ?, "pausedUntil" = ?, "breakerTrips" = ? WHERE "id" = ?`);
  const disable = stmt(
    `UPDATE "Endpoint" SET "status" = 'disabled', "disabledReason" = ?, "failingSince" = NULL, "updatedAt" = ?
     WHERE "id" = ? AND "status" = 'enabled' AND (? = 1 OR "failingSince" <= ?)`,
  );
  const audit = stmt(
    `INSERT INTO "AuditEntry" ("id","merchantId","endpointId","actor","action","detail","createdAt") VALUES (?,?,?,'system','endpoint.disabled',?,?)`,
  );
  const disableWithAudit = (reason: string, force: 0 | 1, cutoff: string) => {
    if (disable.run(reason, now, job.endpointId, force, cutoff).changes === 1) {
      audit.run(newId("aud_"), job.merchantId, job.endpointId, JSON.stringify({ reason }), now);
    }
  };
  const now = toSqlDate(at);
  insertAttempt.run(
    newId("att_"), job.deliveryId, plan.attemptNumber, JSON.stringify(result.requestHeaders), result.statusCode,
    result.responseHeaders && JSON.stringify(result.responseHeaders), result.responseBody, result.durationMs,
    result.errorKind, result.errorMessage, now,
  );
  updateDelivery.run(
    plan.status, plan.attemptNumber, result.statusCode, result.errorMessage, result.durationMs,
    plan.nextAttemptAt && toSqlDate(plan.nextAttemptAt), plan.status === "pending" ? null : now, now, job.deliveryId, leaseOwner,
  );
  if (job.manual) stmt(`DELETE FROM "RetryRequest" WHERE "deliveryId" = ?`).run(job.deliveryId);
  if (job.isTest) {
    // A test send says nothing about the auto-disable clock, but a success proves the endpoint answers again.
    if (result.ok) stmt(`UPDATE "Endpoint" SET "consecutiveFailures" = 0, "pausedUntil" = NULL, "breakerTrips" = 0 WHERE "id" = ? AND "pausedUntil" IS NOT NULL`).run(job.endpointId);
    return;
  }
  countAttempt(job.merchantId, job.endpointId, now, result.durationMs, result.ok); // the stats rollup (issue 11)
  if (result.ok) {
    healthy.run(job.endpointId);
    return;
  }
  const row = breakerState.get(job.endpointId) as { consecutiveFailures: number; pausedUntil: string | null; breakerTrips: number } | undefined;
  const before = row ? { ...row, pausedUntil: fromSqlDate(row.pausedUntil) } : CLOSED;
  const after = breakerAfterAttempt(before, { errorKind: result.errorKind, isProbe: job.isProbe, at }, breaker);
  setBreaker.run(after.consecutiveFailures, after.pausedUntil && toSqlDate(after.pausedUntil), after.breakerTrips, job.endpointId);
  if (plan.disableReason) {
    disableWithAudit(plan.disableReason, 1, now);
  } else {
    failing.run(now, result.errorMessage, job.endpointId);
    const reason = `Disabled automatically: every delivery failed for ${describeDuration(autoDisableAfterMs)} (last error: ${result.errorMessage})`;
    disableWithAudit(reason, 0, toSqlDate(new Date(at.getTime() - autoDisableAfterMs)));
  }
}

/**
 * Records one attempt and applies its plan, in the next group commit. A delivery whose lease was lost
 * (another worker took it over) keeps its new owner's state: the attempt row is still written.
 */
export function recordAttempt(entry: AttemptRecord): Promise<void> {
  return inGroupCommit(() => recordOne(entry));
}

/** Closes a claimed delivery without sending (its endpoint was disabled after the event was published). */
export function skip(job: Job, leaseOwner: string, reason: string, at = new Date()): Promise<void> {
  return inGroupCommit(() => {
    if (job.manual) stmt(`DELETE FROM "RetryRequest" WHERE "deliveryId" = ?`).run(job.deliveryId);
    stmt(
        `UPDATE "Delivery" SET "status" = 'failed', "lastError" = ?, "nextAttemptAt" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL,
           "completedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ?`,
      )
      .run(reason, toSqlDate(at), toSqlDate(at), job.deliveryId, leaseOwner);
  });
}

/** Gives back leases an owner still holds (graceful shutdown) so other workers can send them at once. */
export function releaseLeases(owner: string): Promise<number> {
  return dbGate.run(
    () => stmt(`UPDATE "Delivery" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "leaseOwner" = ? AND "status" = 'pending'`).run(owner).changes,
  );
}

/** Gives back claimed deliveries that will not be started here (so another worker, or a later claim, sends them now). */
export function releaseJobs(deliveryIds: string[], owner: string): Promise<void> {
  if (deliveryIds.length === 0) return Promise.resolve();
  return inGroupCommit(() => {
    const release = stmt(`UPDATE "Delivery" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ?`);
    for (const id of deliveryIds) release.run(id, owner);
  });
}
