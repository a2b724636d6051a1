// Recording attempts on SQLite: the Attempt row, the delivery's next state (closed, or its retry) and
// the endpoint's state with the notifications its change raises (endpoint-change.ts, the one writer of
// those columns) in the next group commit. Also the two ways a claimed
// delivery ends without an attempt (skipped: endpoint disabled; released). Every delivery write names the
// lease it was given (owner + fencing token): under a stale lease it changes nothing.
import { fromSqlDate, stmt, toSqlDate } from "@/lib/db/sqlite";
import { changeAfterAttempt, changeStatements, ENDPOINT_CHANGE_COLUMNS, endpointState, needsRecentRate, recentRate, recentRateStatement, type EndpointState } from "../endpoint-change";
import { newId } from "../ids";
import type { Job } from "../job";
import type { AttemptRecord, RecordResult } from "../store";
import { countAttempt } from "./attempt-stat";

type ChangeRow = Omit<EndpointState, "pausedUntil" | "failingSince" | "alertState"> & {
  merchantId: string; id: string; url: string; description: string; alertState: string; pausedUntil: string | null; failingSince: string | null;
};

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
  const fenced = stmt(
    `UPDATE "Delivery" SET "status" = ?, "attemptCount" = ?, "lastStatusCode" = ?, "lastError" = ?, "lastDurationMs" = ?,
       "nextAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL, "completedAt" = ?, "updatedAt" = ?
     WHERE "id" = ? AND "leaseOwner" = ? AND "leaseToken" = ?`,
  ).run(
    plan.status, plan.attemptNumber, result.statusCode, result.errorMessage, result.durationMs,
    plan.nextAttemptAt && toSqlDate(plan.nextAttemptAt), plan.status === "pending" ? null : now, now, job.deliveryId, job.leaseOwner, job.leaseToken,
  );
  if (job.manual) stmt(`DELETE FROM "RetryRequest" WHERE "deliveryId" = ?`).run(job.deliveryId);
  if (!job.isTest) countAttempt(job.merchantId, job.endpointId, now, result.durationMs, result.ok);

  const row = stmt(`SELECT ${ENDPOINT_CHANGE_COLUMNS} FROM "Endpoint" WHERE "id" = ?`).get(job.endpointId) as ChangeRow | undefined;
  if (!row) return { pausedUntil: null }; // deleted meanwhile (its deliveries went with it)
  const before = endpointState({ ...row, pausedUntil: fromSqlDate(row.pausedUntil), failingSince: fromSqlDate(row.failingSince) });
  const rate = needsRecentRate(before, { ok: result.ok, isTest: job.isTest }) ? readRecentRate(job.endpointId, at) : undefined;
  const change = changeAfterAttempt(
    row,
    before,
    {
      ok: result.ok, errorKind: result.errorKind, errorMessage: result.errorMessage, isProbe: job.isProbe, isTest: job.isTest, at,
      disableReason: plan.disableReason, exhausted: plan.status === "failed" && fenced.changes === 1, recentRate: rate,
    },
    settings,
  );
  if (!change) return { pausedUntil: before.pausedUntil };
  for (const { sql, params } of changeStatements("sqlite", row, before, change, at)) stmt(sql).run(...params);
  return { pausedUntil: (change.state ?? before).pausedUntil };
}

function readRecentRate(endpointId: string, at: Date) {
  const { sql, params } = recentRateStatement("sqlite", endpointId, at);
  return recentRate(stmt(sql).get(...params) as { attempts: number; succeeded: number });
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
