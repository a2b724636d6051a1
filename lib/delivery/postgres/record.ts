// Recording attempts on PostgreSQL. The records that finish in the same tick are written as one batch
// in one transaction with a handful of set-based statements (unnest), whatever the batch size: attempts,
// deliveries (fenced by owner + token), RetryRequest cleanup, the stats rollup, and then the endpoints'
// state with the notifications its changes raise (endpoint-change.ts, the one writer of those columns).
// Rows several workers may write at once (rollup rows, endpoints) are locked in key order, so two
// workers' batches never deadlock on each other; endpoints are locked FOR NO KEY UPDATE, which (unlike
// FOR UPDATE) does not wait on the KEY SHARE locks that other batches' foreign keys (AttemptStat →
// Endpoint) hold: with FOR UPDATE two batches deadlocked on one busy endpoint.
import type pg from "pg";
import { pgPool, pgTransaction } from "@/lib/db/postgres";
import { latencyBucket, statHour } from "../attempt-stat";
import {
  changeAfterAttempt,
  changeStatements,
  ENDPOINT_CHANGE_COLUMNS,
  endpointState,
  needsRecentRate,
  recentRate,
  recentRateStatement,
  type EndpointChange,
  type EndpointFacts,
  type EndpointState,
  type RecentRate,
} from "../endpoint-change";
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
  // RETURNING: the deliveries this batch really closed (a stale lease changes nothing), for delivery.exhausted.
  const closed = await client.query(
    `UPDATE "Delivery" d SET "status" = u.status, "attemptCount" = u.n, "lastStatusCode" = u.code, "lastError" = u.message, "lastDurationMs" = u.ms,
       "nextAttemptAt" = u.next, "leaseOwner" = NULL, "leaseUntil" = NULL, "completedAt" = u.completed, "updatedAt" = u.at
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::int[])
       AS u(id, status, n, code, message, ms, next, completed, at, owner, token)
     WHERE d."id" = u.id AND d."leaseOwner" = u.owner AND d."leaseToken" = u.token
     RETURNING d."id", d."status"`,
    [
      col((r) => r.job.deliveryId), col((r) => r.plan.status), col((r) => r.plan.attemptNumber), col((r) => r.result.statusCode),
      col((r) => r.result.errorMessage), col((r) => r.result.durationMs), col((r) => r.plan.nextAttemptAt),
      col((r) => (r.plan.status === "pending" ? null : r.at)), col((r) => r.at), col((r) => r.job.leaseOwner), col((r) => r.job.leaseToken),
    ],
  );
  const manual = records.filter((r) => r.job.manual).map((r) => r.job.deliveryId);
  if (manual.length > 0) await client.query(`DELETE FROM "RetryRequest" WHERE "deliveryId" = ANY($1::text[])`, [manual]);
  const exhausted = new Set((closed.rows as Array<{ id: string; status: string }>).filter((d) => d.status === "failed").map((d) => d.id));
  const pausedUntil = await applyChanges(client, records, exhausted);
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

type ChangeRow = Omit<EndpointState, "alertState"> & EndpointFacts & { alertState: string };
type Pending = { before: EndpointState; state: EndpointState; change: EndpointChange; at: Date };

/** Each endpoint's attempts in order through endpoint-change.ts, folded into one change per endpoint (only endpoints something happened to). */
function batchChanges(records: AttemptRecord[], rows: ChangeRow[], exhausted: ReadonlySet<string>, rates: ReadonlyMap<string, RecentRate>): Map<string, Pending> {
  const facts = new Map(rows.map((r) => [r.id, r]));
  const changed = new Map<string, Pending>();
  for (const { job, result, plan, at, settings } of records) {
    const row = facts.get(job.endpointId);
    if (!row) continue;
    const pending = changed.get(job.endpointId);
    const before = pending?.state ?? endpointState(row);
    const change = changeAfterAttempt(
      row,
      before,
      {
        ok: result.ok, errorKind: result.errorKind, errorMessage: result.errorMessage, isProbe: job.isProbe, isTest: job.isTest, at,
        disableReason: plan.disableReason, exhausted: plan.status === "failed" && exhausted.has(job.deliveryId),
        recentRate: needsRecentRate(before, { ok: result.ok, isTest: job.isTest }) ? rates.get(job.endpointId) : undefined,
      },
      settings,
    );
    if (!change) continue;
    const state = change.state ?? before;
    changed.set(job.endpointId, {
      before: pending?.before ?? endpointState(row),
      state,
      change: {
        state: change.state ?? pending?.change.state ?? null,
        notifications: [...(pending?.change.notifications ?? []), ...change.notifications],
        audit: change.audit ?? pending?.change.audit ?? null,
      },
      at,
    });
  }
  return changed;
}

/** Applies the batch's endpoint changes and their notifications; returns each endpoint's pausedUntil as the batch leaves it. */
async function applyChanges(client: pg.PoolClient, records: AttemptRecord[], exhausted: ReadonlySet<string>): Promise<Map<string, Date | null>> {
  const ids = [...new Set(records.map((r) => r.job.endpointId))].sort();
  // A plain read first: most batches are successes on healthy endpoints and change nothing.
  const unlocked = (await client.query(`SELECT ${ENDPOINT_CHANGE_COLUMNS} FROM "Endpoint" WHERE "id" = ANY($1::text[])`, [ids])).rows as ChangeRow[];
  const pausedUntil = new Map(unlocked.map((row) => [row.id, row.pausedUntil]));
  const rates = await readRecentRates(client, records, unlocked);
  const toLock = [...batchChanges(records, unlocked, exhausted, rates).keys()].sort();
  if (toLock.length === 0) return pausedUntil;
  const locked = (await client.query(`SELECT ${ENDPOINT_CHANGE_COLUMNS} FROM "Endpoint" WHERE "id" = ANY($1::text[]) ORDER BY "id" FOR NO KEY UPDATE`, [toLock])).rows as ChangeRow[];
  const facts = new Map(locked.map((r) => [r.id, r]));
  for (const [endpointId, { before, state, change, at }] of batchChanges(records, locked, exhausted, rates)) {
    pausedUntil.set(endpointId, state.pausedUntil);
    for (const { sql, params } of changeStatements("postgres", facts.get(endpointId)!, before, change, at)) await client.query(sql, params);
  }
  return pausedUntil;
}

/** The recent success rate of the endpoints whose decision may need it (rare: see needsRecentRate), read once per batch. */
async function readRecentRates(client: pg.PoolClient, records: AttemptRecord[], rows: ChangeRow[]): Promise<Map<string, RecentRate>> {
  const states = new Map(rows.map((r) => [r.id, endpointState(r)]));
  const wanted = new Map<string, Date>();
  for (const { job, result, at } of records) {
    const state = states.get(job.endpointId);
    if (state && needsRecentRate(state, { ok: result.ok, isTest: job.isTest })) wanted.set(job.endpointId, at);
  }
  const rates = new Map<string, RecentRate>();
  for (const [endpointId, at] of wanted) {
    const { sql, params } = recentRateStatement("postgres", endpointId, at);
    rates.set(endpointId, recentRate((await client.query(sql, params)).rows[0]));
  }
  return rates;
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
