// Retention: events older than WEBHOOK_RETENTION are removed with their deliveries and attempts (and
// the stats rollup's hours that old), in small batches. Each batch is one short IMMEDIATE transaction
// behind the process gate, and the purge then sleeps many times as long as the batch took, so it never
// holds more than a small share of the database's time: deliveries keep committing between batches.
// An event with a delivery still pending (due, leased or waiting for a retry) is never removed.
import { isPostgresUrl } from "@/lib/db/dialect";
import { dbGate } from "@/lib/db/gate";
import { pgTransaction, pgPool } from "@/lib/db/postgres";
import { sqlite, stmt, toSqlDate } from "@/lib/db/sqlite";
import { env } from "@/lib/env";

export const PURGE_BATCH_EVENTS = 200;
// Purge time : pause time = 1 : PAUSE_FACTOR. bench:retention measured a 17 % delivery drop at 1:9 and
// 13 % at 1:24 (about 4,000 rows a second) on a loaded machine, before the purge checkpointed its own pages.
const PAUSE_FACTOR = 24;
const MIN_PAUSE_MS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes up to `limit` of the oldest events created before `cutoff` (across all merchants: this is the
 * operator's policy, not a merchant's request) whose deliveries are all finished. Returns how many.
 */
export function purgeBatch(cutoff: Date, limit = PURGE_BATCH_EVENTS): Promise<number> {
  if (isPostgresUrl(env().DATABASE_URL)) return purgeBatchPostgres(cutoff, limit);
  return dbGate.run(() =>
    sqlite()
      .transaction(() => {
        const ids = stmt(
          `SELECT e."id" FROM "Event" e WHERE e."createdAt" < ?
             AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."eventId" = e."id" AND d."status" = 'pending')
           ORDER BY e."createdAt" LIMIT ?`,
        )
          .pluck()
          .all(toSqlDate(cutoff), limit) as string[];
        if (ids.length === 0) return 0;
        const list = JSON.stringify(ids);
        // Children first and explicitly, rather than leaning on ON DELETE CASCADE being enabled on this connection.
        stmt(`DELETE FROM "Attempt" WHERE "deliveryId" IN (SELECT "id" FROM "Delivery" WHERE "eventId" IN (SELECT value FROM json_each(?)))`).run(list);
        stmt(`DELETE FROM "Delivery" WHERE "eventId" IN (SELECT value FROM json_each(?))`).run(list);
        stmt(`DELETE FROM "Event" WHERE "id" IN (SELECT value FROM json_each(?))`).run(list);
        return ids.length;
      })
      .immediate(),
  ).then(async (removed) => {
    // Write the deleted pages back now, on the purge's time: left to SQLite's auto-checkpoint, the
    // next delivery commit would pay for them.
    if (removed > 0) await dbGate.run(() => sqlite().pragma("wal_checkpoint(PASSIVE)"));
    return removed;
  });
}

/**
 * PostgreSQL: the same batch; SKIP LOCKED leaves events another instance's purge is removing right now.
 * Unlike SQLite's IMMEDIATE transaction, this one does not keep writers out while it runs: a Resend
 * (requeueDeliveries) can make one of the chosen events' deliveries pending after the choice. So the
 * deliveries are locked and read again before anything is deleted (a Resend that committed meanwhile is
 * seen, one that comes later waits and then finds nothing to requeue), and such an event stays.
 */
function purgeBatchPostgres(cutoff: Date, limit: number): Promise<number> {
  return pgTransaction(async (client) => {
    const candidates = (
      await client.query(
        `SELECT e."id" FROM "Event" e WHERE e."createdAt" < $1
           AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."eventId" = e."id" AND d."status" = 'pending')
         ORDER BY e."createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [cutoff, limit],
      )
    ).rows.map((r: { id: string }) => r.id);
    if (candidates.length === 0) return 0;
    const deliveries = await client.query(`SELECT "eventId", "status" FROM "Delivery" WHERE "eventId" = ANY($1::text[]) ORDER BY "id" FOR UPDATE`, [candidates]);
    const requeued = new Set(deliveries.rows.filter((d: { status: string }) => d.status === "pending").map((d: { eventId: string }) => d.eventId));
    const ids = candidates.filter((id) => !requeued.has(id));
    if (ids.length === 0) return 0;
    await client.query(`DELETE FROM "Attempt" WHERE "deliveryId" IN (SELECT "id" FROM "Delivery" WHERE "eventId" = ANY($1::text[]))`, [ids]);
    await client.query(`DELETE FROM "Delivery" WHERE "eventId" = ANY($1::text[])`, [ids]);
    await client.query(`DELETE FROM "Event" WHERE "id" = ANY($1::text[])`, [ids]);
    return ids.length;
  });
}

/** The stats rollup's hours older than the cutoff, a bounded batch at a time. Returns how many rows. */
export async function purgeStatsBatch(cutoff: Date, limit = PURGE_BATCH_EVENTS * 5): Promise<number> {
  const hour = cutoff.toISOString().slice(0, 13);
  if (isPostgresUrl(env().DATABASE_URL)) {
    const result = await pgPool().query(
      `DELETE FROM "AttemptStat" WHERE ctid IN (SELECT ctid FROM "AttemptStat" WHERE "hour" < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [hour, limit],
    );
    return result.rowCount ?? 0;
  }
  return dbGate.run(
    () =>
      stmt(`DELETE FROM "AttemptStat" WHERE rowid IN (SELECT rowid FROM "AttemptStat" WHERE "hour" < ? LIMIT ?)`).run(hour, limit)
        .changes,
  );
}

export type PurgeReport = { events: number; batches: number; ms: number };

/** One full pass: batches until nothing older than the retention period is left (or `stopped()`). */
export async function purgeExpired(retentionMs = env().WEBHOOK_RETENTION, stopped: () => boolean = () => false, now = new Date()): Promise<PurgeReport> {
  const cutoff = new Date(now.getTime() - retentionMs);
  const started = performance.now();
  let events = 0;
  let batches = 0;
  while (!stopped()) {
    const t = performance.now();
    const removed = await purgeBatch(cutoff);
    events += removed;
    batches++;
    if (removed < PURGE_BATCH_EVENTS) break;
    await sleep(Math.max(MIN_PAUSE_MS, (performance.now() - t) * PAUSE_FACTOR));
  }
  while (!stopped()) {
    const t = performance.now();
    if ((await purgeStatsBatch(cutoff)) < PURGE_BATCH_EVENTS * 5) break;
    await sleep(Math.max(MIN_PAUSE_MS, (performance.now() - t) * PAUSE_FACTOR));
  }
  return { events, batches, ms: Math.round(performance.now() - started) };
}

/** How often to check: every minute, or sooner for a short period (tests, demos). */
export const retentionCheckMs = (retentionMs: number) => Math.min(60_000, Math.max(1_000, Math.floor(retentionMs / 2)));

const globalForRetention = globalThis as unknown as { dashxRetention?: { stop: () => void } };

/** Checks at start, then on an interval, one pass at a time; stop() ends the loop after the current batch. */
export function startRetention(): { stop: () => void } {
  if (globalForRetention.dashxRetention) return globalForRetention.dashxRetention;
  const retentionMs = env().WEBHOOK_RETENTION;
  let stopped = false;
  let running = false;
  const pass = () => {
    if (running || stopped) return;
    running = true;
    purgeExpired(retentionMs, () => stopped)
      .then((r) => {
        if (r.events > 0) console.log(`[retention] removed ${r.events} events older than the retention period in ${r.batches} batches (${r.ms} ms)`);
      })
      .catch((error: unknown) => console.error("[retention] purge failed", error instanceof Error ? error.message : error))
      .finally(() => (running = false));
  };
  const timer = setInterval(pass, retentionCheckMs(retentionMs));
  timer.unref();
  pass();
  return (globalForRetention.dashxRetention = {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  });
}
