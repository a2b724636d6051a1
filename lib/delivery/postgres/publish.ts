// Publishing on PostgreSQL: the Event and its Delivery rows (the outbox) in one transaction, batched
// with the other publishes of the same tick. Concurrent publishes with one Idempotency-Key (on any
// instance) meet at the unique index: the loser's INSERT waits for the winner's commit, does nothing,
// and the publish answers "replayed" with the winner's event.
import type pg from "pg";
import { pgTransaction } from "@/lib/db/postgres";
import { acceptsEventType } from "../event-filter";
import { newId } from "../ids";
import type { Job } from "../job";
import type { NewEvent, PublishOutcome } from "../store";
import { inPgGroupCommit } from "./group-commit";
import { JOB_COLUMNS, jobRows, toJob } from "./job";

const INSERT_EVENT = `INSERT INTO "Event" ("id","merchantId","type","payload","isTest","idempotencyKey","requestHash","createdAt")
  SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM "Merchant" WHERE "id" = $2)
  ON CONFLICT ("merchantId","idempotencyKey") DO NOTHING RETURNING "id"`;

const eventValues = (e: NewEvent) => [e.id, e.merchantId, e.type, e.payload, e.isTest, e.idempotencyKey, e.requestHash, e.createdAt];

async function publishOne(client: pg.PoolClient, event: NewEvent): Promise<PublishOutcome> {
  const inserted = await client.query(INSERT_EVENT, eventValues(event));
  if (inserted.rowCount === 0) {
    if (event.idempotencyKey === null) return { kind: "merchant_not_found" };
    const existing = await client.query(
      `SELECT e."id", e."requestHash", (SELECT COUNT(*)::int FROM "Delivery" d WHERE d."eventId" = e."id" AND d."merchantId" = e."merchantId") AS deliveries
       FROM "Event" e WHERE e."merchantId" = $1 AND e."idempotencyKey" = $2`,
      [event.merchantId, event.idempotencyKey],
    );
    const row = existing.rows[0] as { id: string; requestHash: string | null; deliveries: number } | undefined;
    return row ? { kind: "replayed", ...row } : { kind: "merchant_not_found" };
  }
  const endpoints = (
    await client.query(`SELECT "id", "eventTypes" FROM "Endpoint" WHERE "merchantId" = $1 AND "status" = 'enabled'`, [event.merchantId])
  ).rows.filter((endpoint: { eventTypes: string }) => acceptsEventType(endpoint.eventTypes, event.type)) as Array<{ id: string }>;
  if (endpoints.length > 0) {
    await client.query(
      `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","createdAt","updatedAt")
       SELECT u.id, $2, u."endpointId", $3, 'pending', 0, $4, $4, $4 FROM unnest($1::text[], $5::text[]) AS u(id, "endpointId")`,
      [endpoints.map(() => newId("dlv_")), event.id, event.merchantId, event.createdAt, endpoints.map((e) => e.id)],
    );
  }
  return { kind: "published", deliveries: endpoints.length };
}

export const publish = (event: NewEvent): Promise<PublishOutcome> => inPgGroupCommit((client) => publishOne(client, event));

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
