// Recording attempts on PostgreSQL. The records that finish in the same tick are written as one batch
// in one transaction with a handful of set-based statements (unnest), whatever the batch size: attempts,
// deliveries (fenced by owner + token), RetryRequest cleanup, the stats rollup, and then the endpoints'
// health (endpoint-health.ts). Rows several workers may write at once (rollup rows, endpoints) are
// locked in key order, so two workers' batches never deadlock on each other; endpoints are locked FOR NO
// KEY UPDATE, which (unlike FOR UPDATE) does not wait on the KEY SHARE locks that other batches' foreign
// keys (AttemptStat → Endpoint) hold: with FOR UPDATE two batches deadlocked on one busy endpoint.
import type pg from "pg";
import { pgPool, pgTransaction } from "@/lib/db/postgres";
import { latencyBucket, statHour } from "../attempt-stat";
import { endpointAfterAttempt, type EndpointHealth, type HealthChange } from "../endpoint-health";
import { newId } from "../ids";
import type { Job } from "../job";
import type { AttemptRecord, RecordResult } from "../store";
import { pgGroupCommit } from "./group-commit";

async function writeBatch(client: pg.PoolClient, records: AttemptRecord[]): Promise<RecordResult[]> {
  const col = <T>(pick: (r: AttemptRecord) => T) => records.map(pick);
  // Attempts of deliveries deleted meanwhile (their endpoint was deleted) are dropped by the join.
  await client.query(
    `INSERT INTO "Attempt" ("id","deliveryId","attemptNumber","requestHeaders","responseStatus","responseHeaders","responseBody","durationMs","errorKind","errorMessage","createdAt")
     SELECT u.* FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[], $5::int[], $6::jsonb[], $7::text[], $8::int[], $9::text[], $10::text[], $11::timestamptz[])
       AS u(id, delivery, n, req, status, res, body, ms, kind, message, at)
     JOIN "Delivery" d ON d."id" = u.delivery`,
    [
      col(() => newId("att_")), col((r) => r.job.deliveryId), col((r) => r.plan.attemptNumber), col((r) => JSON.stringify(r.result.requestHeaders)),
      col((r) => r.result.statusCode), col((r) => r.result.responseHeaders && JSON.stringify(r.result.responseHeaders)), col((r) => r.result.responseBody),
      col((r) => r.result.durationMs), col((r) => r.result.errorKind), col((r) => r.result.errorMessage), col((r) => r.at),
    ],
  );
  await client.query(
    `UPDATE "Delivery" d SET "status" = u.status, "attemptCount" = u.n, "lastStatusCode" = u.code, "lastError" = u.message, "lastDurationMs" = u.ms,
       "nextAttemptAt" = u.next, "leaseOwner" = NULL, "leaseUntil" = NULL, "completedAt" = u.completed, "updatedAt" = u.at
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::int[])
       AS u(id, status, n, code, message, ms, next, completed, at, owner, token)
     WHERE d."id" = u.id AND d."leaseOwner" = u.owner AND d."leaseToken" = u.token`,
    [
      col((r) => r.job.deliveryId), col((r) => r.plan.status), col((r) => r.plan.attemptNumber), col((r) => r.result.statusCode),
      col((r) => r.result.errorMessage), col((r) => r.result.durationMs), col((r) => r.plan.nextAttemptAt),
      col((r) => (r.plan.status === "pending" ? null : r.at)), col((r) => r.at), col((r) => r.job.leaseOwner), col((r) => r.job.leaseToken),
    ],
  );
  const manual = records.filter((r) => r.job.manual).map((r) => r.job.deliveryId);
  if (manual.length > 0) await client.query(`DELETE FROM "RetryRequest" WHERE "deliveryId" = ANY($1::text[])`, [manual]);
  const pausedUntil = await applyHealth(client, records);
  // Last: every worker's batches upsert the same few hot rollup rows, so their locks are held only from
  // here to COMMIT.
  await countAttempts(client, records.filter((r) => !r.job.isTest));
  return records.map((r) => ({ pausedUntil: pausedUntil.get(r.job.endpointId) ?? null }));
}

/** The stats rollup: this batch's counts summed per row, upserted in key order. */
async function countAttempts(client: pg.PoolClient, records: AttemptRecord[]): Promise<void> {
  const rows = new Map<string, { endpointId: string; merchantId: string; hour: string; latencyMs: number; succeeded: number; failed: number }>();
  for (const { job, result, at } of records) {
    const hour = statHour(at);
    const latencyMs = latencyBucket(result.durationMs);
    const key = `${job.endpointId}\u0000${hour}\u0000${String(latencyMs).padStart(8, "0")}`;
    const row = rows.get(key) ?? { endpointId: job.endpointId, merchantId: job.merchantId, hour, latencyMs, succeeded: 0, failed: 0 };
    if (result.ok) row.succeeded++;
    else row.failed++;
    rows.set(key, row);
  }
  if (rows.size === 0) return;
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  const col = <T>(pick: (r: (typeof sorted)[number]) => T) => sorted.map(pick);
  await client.query(
    `INSERT INTO "AttemptStat" ("endpointId","merchantId","hour","latencyMs","succeeded","failed")
     SELECT u.e, u.m, u.h, u.l, u.s, u.f FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[]) WITH ORDINALITY AS u(e, m, h, l, s, f, ord)
     JOIN "Endpoint" p ON p."id" = u.e ORDER BY u.ord
     ON CONFLICT ("endpointId","hour","latencyMs") DO UPDATE SET "succeeded" = "AttemptStat"."succeeded" + excluded."succeeded", "failed" = "AttemptStat"."failed" + excluded."failed"`,
    [col((r) => r.endpointId), col((r) => r.merchantId), col((r) => r.hour), col((r) => r.latencyMs), col((r) => r.succeeded), col((r) => r.failed)],
  );
}

const HEALTH_COLUMNS = `"id", "status", "failingSince", "consecutiveFailures", "pausedUntil", "breakerTrips", "lastError"`;
type HealthRow = EndpointHealth & { id: string };

/** Each endpoint's attempts in order through the policy; null when none of them changes the row. */
function healthChanges(records: AttemptRecord[], rows: HealthRow[]): Map<string, { change: HealthChange; disable: string | null; job: Job; at: Date }> {
  const state = new Map(rows.map((r) => [r.id, r]));
  const changed = new Map<string, { change: HealthChange; disable: string | null; job: Job; at: Date }>();
  for (const { job, result, plan, at, settings } of records) {
    const before = state.get(job.endpointId);
    if (!before) continue;
    const change = endpointAfterAttempt(
      before,
      { ok: result.ok, errorKind: result.errorKind, errorMessage: result.errorMessage, isProbe: job.isProbe, isTest: job.isTest, at, disableReason: plan.disableReason },
      settings,
    );
    if (!change) continue;
    const disable = change.disable ?? changed.get(job.endpointId)?.disable ?? null;
    state.set(job.endpointId, { ...before, ...change.health, status: disable !== null ? "disabled" : before.status });
    changed.set(job.endpointId, { change, disable, job, at });
  }
  return changed;
}

/** Applies the batch's health changes; returns each endpoint's pausedUntil as the batch leaves it. */
async function applyHealth(client: pg.PoolClient, records: AttemptRecord[]): Promise<Map<string, Date | null>> {
  const ids = [...new Set(records.map((r) => r.job.endpointId))].sort();
  // A plain read first: most batches are successes on healthy endpoints and change nothing.
  const unlocked = (await client.query(`SELECT ${HEALTH_COLUMNS} FROM "Endpoint" WHERE "id" = ANY($1::text[])`, [ids])).rows as HealthRow[];
  const pausedUntil = new Map(unlocked.map((row) => [row.id, row.pausedUntil]));
  const toLock = [...healthChanges(records, unlocked).keys()].sort();
  if (toLock.length === 0) return pausedUntil;
  const locked = (await client.query(`SELECT ${HEALTH_COLUMNS} FROM "Endpoint" WHERE "id" = ANY($1::text[]) ORDER BY "id" FOR NO KEY UPDATE`, [toLock])).rows as HealthRow[];
  for (const [endpointId, { change, disable, job, at }] of healthChanges(records, locked)) {
    const h = change.health;
    pausedUntil.set(endpointId, h.pausedUntil);
    await client.query(
      `UPDATE "Endpoint" SET "failingSince" = $2, "consecutiveFailures" = $3, "pausedUntil" = $4, "breakerTrips" = $5, "lastError" = $6 WHERE "id" = $1`,
      [endpointId, h.failingSince, h.consecutiveFailures, h.pausedUntil, h.breakerTrips, h.lastError],
    );
    if (disable !== null) {
      const disabled = await client.query(`UPDATE "Endpoint" SET "status" = 'disabled', "disabledReason" = $2, "updatedAt" = $3 WHERE "id" = $1 AND "status" = 'enabled'`, [
        endpointId, disable, at,
      ]);
      if (disabled.rowCount === 1) {
        await client.query(`INSERT INTO "AuditEntry" ("id","merchantId","endpointId","actor","action","detail","createdAt") VALUES ($1,$2,$3,'system','endpoint.disabled',$4,$5)`, [
          newId("aud_"), job.merchantId, endpointId, JSON.stringify({ reason: disable }), at,
        ]);
      }
    }
  }
  return pausedUntil;
}

// writeBatch answers one result per record, as the group commit expects.
const enqueueRecord = pgGroupCommit<AttemptRecord, RecordResult>(writeBatch);
export const recordAttempt = (entry: AttemptRecord): Promise<RecordResult> => enqueueRecord(entry);

/** Rare (an endpoint disabled after the event was published): its own short transaction. */
export function skip(job: Job, reason: string, at = new Date()): Promise<void> {
  return pgTransaction(async (client) => {
    if (job.manual) await client.query(`DELETE FROM "RetryRequest" WHERE "deliveryId" = $1`, [job.deliveryId]);
    await client.query(
      `UPDATE "Delivery" SET "status" = 'failed', "lastError" = $2, "nextAttemptAt" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL,
         "completedAt" = $3, "updatedAt" = $3 WHERE "id" = $1 AND "leaseOwner" = $4 AND "leaseToken" = $5`,
      [job.deliveryId, reason, at, job.leaseOwner, job.leaseToken],
    );
  });
}

export async function releaseOwner(owner: string): Promise<number> {
  const result = await pgPool().query(`UPDATE "Delivery" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "leaseOwner" = $1 AND "status" = 'pending'`, [owner]);
  return result.rowCount ?? 0;
}

export async function release(jobs: Job[]): Promise<void> {
  if (jobs.length === 0) return;
  await pgPool().query(
    `UPDATE "Delivery" d SET "leaseOwner" = NULL, "leaseUntil" = NULL FROM unnest($1::text[], $2::text[], $3::int[]) AS u(id, owner, token)
     WHERE d."id" = u.id AND d."leaseOwner" = u.owner AND d."leaseToken" = u.token`,
    [jobs.map((j) => j.deliveryId), jobs.map((j) => j.leaseOwner), jobs.map((j) => j.leaseToken)],
  );
}
