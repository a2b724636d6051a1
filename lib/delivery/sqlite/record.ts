// Recording attempts on SQLite: the Attempt row, the delivery's next state (closed, or its retry) and
// the endpoint's health (endpoint-health.ts) in the next group commit. Also the two ways a claimed
// delivery ends without an attempt (skipped: endpoint disabled; released). Every delivery write names the
// lease it was given (owner + fencing token): under a stale lease it changes nothing.
import { fromSqlDate, stmt, toSqlDate } from "@/lib/db/sqlite";
import { endpointAfterAttempt, type EndpointHealth } from "../endpoint-health";
import { newId } from "../ids";
import type { Job } from "../job";
import type { AttemptRecord, RecordResult } from "../store";
import { countAttempt } from "./attempt-stat";

type HealthRow = Omit<EndpointHealth, "pausedUntil" | "failingSince"> & { pausedUntil: string | null; failingSince: string | null };

export function recordOne({ job, result, plan, at, settings }: AttemptRecord): RecordResult {
  const now = toSqlDate(at);
  stmt(
    `INSERT INTO "Attempt" ("id","deliveryId","attemptNumber","requestHeaders","responseStatus","responseHeaders","responseBody","durationMs","errorKind","errorMessage","createdAt")
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    newId("att_"), job.deliveryId, plan.attemptNumber, JSON.stringify(result.requestHeaders), result.statusCode,
    result.responseHeaders && JSON.stringify(result.responseHeaders), result.responseBody, result.durationMs,
    result.errorKind, result.errorMessage, now,
  );
  stmt(
    `UPDATE "Delivery" SET "status" = ?, "attemptCount" = ?, "lastStatusCode" = ?, "lastError" = ?, "lastDurationMs" = ?,
       "nextAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL, "completedAt" = ?, "updatedAt" = ?
     WHERE "id" = ? AND "leaseOwner" = ? AND "leaseToken" = ?`,
  ).run(
    plan.status, plan.attemptNumber, result.statusCode, result.errorMessage, result.durationMs,
    plan.nextAttemptAt && toSqlDate(plan.nextAttemptAt), plan.status === "pending" ? null : now, now, job.deliveryId, job.leaseOwner, job.leaseToken,
  );
  if (job.manual) stmt(`DELETE FROM "RetryRequest" WHERE "deliveryId" = ?`).run(job.deliveryId);
  if (!job.isTest) countAttempt(job.merchantId, job.endpointId, now, result.durationMs, result.ok);

  const row = stmt(`SELECT "status", "failingSince", "consecutiveFailures", "pausedUntil", "breakerTrips", "lastError" FROM "Endpoint" WHERE "id" = ?`).get(
    job.endpointId,
  ) as HealthRow | undefined;
  if (!row) return { pausedUntil: null }; // deleted meanwhile (its deliveries went with it)
  const before: EndpointHealth = { ...row, pausedUntil: fromSqlDate(row.pausedUntil), failingSince: fromSqlDate(row.failingSince) };
  const change = endpointAfterAttempt(
    before,
    { ok: result.ok, errorKind: result.errorKind, errorMessage: result.errorMessage, isProbe: job.isProbe, isTest: job.isTest, at, disableReason: plan.disableReason },
    settings,
  );
  if (!change) return { pausedUntil: before.pausedUntil };
  const h = change.health;
  stmt(`UPDATE "Endpoint" SET "failingSince" = ?, "consecutiveFailures" = ?, "pausedUntil" = ?, "breakerTrips" = ?, "lastError" = ? WHERE "id" = ?`).run(
    h.failingSince && toSqlDate(h.failingSince), h.consecutiveFailures, h.pausedUntil && toSqlDate(h.pausedUntil), h.breakerTrips, h.lastError, job.endpointId,
  );
  if (change.disable !== null) {
    stmt(`UPDATE "Endpoint" SET "status" = 'disabled', "disabledReason" = ?, "updatedAt" = ? WHERE "id" = ?`).run(change.disable, now, job.endpointId);
    stmt(`INSERT INTO "AuditEntry" ("id","merchantId","endpointId","actor","action","detail","createdAt") VALUES (?,?,?,'system','endpoint.disabled',?,?)`).run(
      newId("aud_"), job.merchantId, job.endpointId, JSON.stringify({ reason: change.disable }), now,
    );
  }
  return { pausedUntil: h.pausedUntil };
}

export function skipNow(job: Job, reason: string, at: Date): void {
  if (job.manual) stmt(`DELETE FROM "RetryRequest" WHERE "deliveryId" = ?`).run(job.deliveryId);
  stmt(
    `UPDATE "Delivery" SET "status" = 'failed', "lastError" = ?, "nextAttemptAt" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL,
       "completedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ? AND "leaseToken" = ?`,
  ).run(reason, toSqlDate(at), toSqlDate(at), job.deliveryId, job.leaseOwner, job.leaseToken);
}

export function releaseOwnerNow(owner: string): number {
  return stmt(`UPDATE "Delivery" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "leaseOwner" = ? AND "status" = 'pending'`).run(owner).changes;
}

export function releaseNow(jobs: Job[]): void {
  const update = stmt(`UPDATE "Delivery" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ? AND "leaseToken" = ?`);
  for (const job of jobs) update.run(job.deliveryId, job.leaseOwner, job.leaseToken);
}
