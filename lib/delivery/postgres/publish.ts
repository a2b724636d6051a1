// Publishing on PostgreSQL: the Event and its Delivery rows (the outbox) in one transaction, batched
// with the other publishes of the same tick. Concurrent publishes with one Idempotency-Key (on any
// instance, or in the same batch) meet at the unique index: the loser's INSERT waits for the winner's
// commit, does nothing, and the publish answers "replayed" with the winner's event.
import type pg from "pg";
import { pgTransaction } from "@/lib/db/postgres";
import { acceptsEventType } from "../event-filter";
import { newId } from "../ids";
import type { Job } from "../job";
import type { NewEvent, PublishOutcome } from "../store";
import { pgGroupCommit } from "./group-commit";
import { JOB_COLUMNS, jobRows, toJob } from "./job";

const eventValues = (e: NewEvent) => [e.id, e.merchantId, e.type, e.payload, e.isTest, e.idempotencyKey, e.requestHash, e.createdAt];

/**
 * The publishes of one tick, set-based: four statements whatever the batch size (the events, with the
 * merchant check and the Idempotency-Key conflict; the winners of lost races; the merchants' enabled
 * endpoints; the deliveries), so a publish costs a share of a round trip instead of three.
 */
async function publishBatch(client: pg.PoolClient, events: NewEvent[]): Promise<PublishOutcome[]> {
  const col = <T>(pick: (e: NewEvent) => T) => events.map(pick);
  const inserted = await client.query(
    `INSERT INTO "Event" ("id","merchantId","type","payload","isTest","idempotencyKey","requestHash","createdAt")
     SELECT u.id, u.merchant, u.type, u.payload, u.test, u.key, u.hash, u.at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::timestamptz[]) WITH ORDINALITY
       AS u(id, merchant, type, payload, test, key, hash, at, ord)
     WHERE EXISTS (SELECT 1 FROM "Merchant" m WHERE m."id" = u.merchant) ORDER BY u.ord
     ON CONFLICT ("merchantId","idempotencyKey") DO NOTHING RETURNING "id"`,
    [col((e) => e.id), col((e) => e.merchantId), col((e) => e.type), col((e) => e.payload), col((e) => e.isTest), col((e) => e.idempotencyKey), col((e) => e.requestHash), col((e) => e.createdAt)],
  );
  const stored = new Set(inserted.rows.map((r: { id: string }) => r.id));
  const published = events.filter((e) => stored.has(e.id));
  const merchants = [...new Set(published.map((e) => e.merchantId))];
  // kind <> 'operational': the merchant's operational webhook gets notification kinds only, never checkout events.
  const endpoints = merchants.length === 0 ? [] : ((
    await client.query(`SELECT "id", "merchantId", "eventTypes" FROM "Endpoint" WHERE "merchantId" = ANY($1::text[]) AND "status" = 'enabled' AND "kind" <> 'operational' ORDER BY "id"`, [merchants])
  ).rows as Array<{ id: string; merchantId: string; eventTypes: unknown }>);
  const rows = published.flatMap((e) => endpoints.filter((p) => p.merchantId === e.merchantId && acceptsEventType(p.eventTypes, e.type)).map((p) => ({ event: e, endpointId: p.id })));
  if (rows.length > 0) {
    await client.query(
      `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","createdAt","updatedAt")
       SELECT u.id, u.event, u.endpoint, u.merchant, 'pending', 0, u.at, u.at, u.at FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(id, event, endpoint, merchant, at)`,
      [rows.map(() => newId("dlv_")), rows.map((r) => r.event.id), rows.map((r) => r.endpointId), rows.map((r) => r.event.merchantId), rows.map((r) => r.event.createdAt)],
    );
  }
  const deliveries = new Map<string, number>();
  for (const r of rows) deliveries.set(r.event.id, (deliveries.get(r.event.id) ?? 0) + 1);
  // Not stored: an unknown merchant, or a key already used (by an earlier publish, or one in this batch).
  const lost = events.filter((e) => !stored.has(e.id) && e.idempotencyKey !== null);
  const winners = new Map<string, { id: string; requestHash: string | null; deliveries: number }>();
  if (lost.length > 0) {
    const found = await client.query(
      `SELECT e."merchantId", e."idempotencyKey", e."id", e."requestHash",
         (SELECT COUNT(*)::int FROM "Delivery" d WHERE d."eventId" = e."id" AND d."merchantId" = e."merchantId") AS deliveries
       FROM "Event" e JOIN unnest($1::text[], $2::text[]) AS u(merchant, key) ON e."merchantId" = u.merchant AND e."idempotencyKey" = u.key`,
      [lost.map((e) => e.merchantId), lost.map((e) => e.idempotencyKey)],
    );
    for (const w of found.rows as Array<{ merchantId: string; idempotencyKey: string; id: string; requestHash: string | null; deliveries: number }>) {
      winners.set(`${w.merchantId}\u0000${w.idempotencyKey}`, { id: w.id, requestHash: w.requestHash, deliveries: w.deliveries });
    }
  }
  return events.map((e): PublishOutcome => {
    if (stored.has(e.id)) return { kind: "published", deliveries: deliveries.get(e.id) ?? 0 };
    const winner = e.idempotencyKey === null ? undefined : winners.get(`${e.merchantId}\u0000${e.idempotencyKey}`);
    return winner ? { kind: "replayed", ...winner } : { kind: "merchant_not_found" };
  });
}

export const publish: (event: NewEvent) => Promise<PublishOutcome> = pgGroupCommit(publishBatch);

export function publishTest(event: NewEvent, endpointId: string, leaseOwner: string, leaseUntil: Date): Promise<Job> {
  return pgTransaction(async (client) => {
    await client.query(
      `INSERT INTO "Event" ("id","merchantId","type","payload","isTest","idempotencyKey","requestHash","createdAt") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      eventValues(event),
    );
    const id = newId("dlv_");
    await client.query(
      `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","leaseOwner","leaseUntil","leaseToken","createdAt","updatedAt")
       VALUES ($1,$2,$3,$4,'pending',0,$5,$6,$7,1,$5,$5)`,
      [id, event.id, endpointId, event.merchantId, event.createdAt, leaseOwner, leaseUntil],
    );
    const result = await client.query(
      `SELECT ${JOB_COLUMNS} FROM "Delivery" d JOIN "Event" e ON e."id" = d."eventId" JOIN "Endpoint" p ON p."id" = d."endpointId" WHERE d."id" = $1`,
      [id],
    );
    return toJob(jobRows(result)[0], { manual: false, isProbe: false });
  });
}
