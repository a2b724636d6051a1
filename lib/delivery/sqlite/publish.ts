// Publishing on SQLite: an Event and its Delivery rows (the outbox), in one transaction. Claims are
// in claim.ts, attempt records in record.ts, both through the same group commit.
import { stmt, toSqlDate } from "@/lib/db/sqlite";
import { acceptsEventType } from "../event-filter";
import { newId } from "../ids";
import type { Job } from "../job";
import type { NewEvent, PublishOutcome } from "../store";
import { selectJobs } from "./job";

function insertEventRow(event: NewEvent): void {
  stmt(`INSERT INTO "Event" ("id","merchantId","type","payload","isTest","idempotencyKey","requestHash","createdAt") VALUES (?,?,?,?,?,?,?,?)`)
    .run(event.id, event.merchantId, event.type, event.payload, event.isTest ? 1 : 0, event.idempotencyKey, event.requestHash, toSqlDate(event.createdAt));
}

// The merchant check and the idempotency lookup run inside the same IMMEDIATE transaction as the insert:
// writers are serialised (across processes too), so a second request with a key always sees the first's
// row and no unique-violation retry is needed; and the intake needs no Prisma round trip of its own.
export function publishOne(event: NewEvent): PublishOutcome {
  if (stmt(`SELECT 1 FROM "Merchant" WHERE "id" = ?`).pluck().get(event.merchantId) === undefined) return { kind: "merchant_not_found" };
  if (event.idempotencyKey !== null) {
    const existing = stmt(
      `SELECT e."id" AS id, e."requestHash" AS requestHash,
         (SELECT COUNT(*) FROM "Delivery" d WHERE d."eventId" = e."id" AND d."merchantId" = e."merchantId") AS deliveries
       FROM "Event" e WHERE e."merchantId" = ? AND e."idempotencyKey" = ?`,
    ).get(event.merchantId, event.idempotencyKey) as { id: string; requestHash: string | null; deliveries: number } | undefined;
    if (existing) return { kind: "replayed", ...existing };
  }
  insertEventRow(event);
  const now = toSqlDate(event.createdAt);
  // kind <> 'operational': the merchant's operational webhook gets notification kinds only, never checkout events.
  const endpoints = (
    stmt(`SELECT "id", "eventTypes" FROM "Endpoint" WHERE "merchantId" = ? AND "status" = 'enabled' AND "kind" <> 'operational'`).all(event.merchantId) as Array<{ id: string; eventTypes: string }>
  ).filter((endpoint) => acceptsEventType(JSON.parse(endpoint.eventTypes), event.type));
  const insert = stmt(
    `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","createdAt","updatedAt")
     VALUES (?,?,?,?,'pending',0,?,?,?)`,
  );
  for (const endpoint of endpoints) insert.run(newId("dlv_"), event.id, endpoint.id, event.merchantId, now, now, now);
  return { kind: "published", deliveries: endpoints.length };
}

/** A test event and its single delivery, already leased to `leaseOwner`; returns its job. */
export function publishTestNow(event: NewEvent, endpointId: string, leaseOwner: string, leaseUntil: Date): Job {
  insertEventRow(event);
  const now = toSqlDate(event.createdAt);
  const id = newId("dlv_");
  stmt(
    `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","leaseOwner","leaseUntil","leaseToken","createdAt","updatedAt")
     VALUES (?,?,?,?,'pending',0,?,?,?,1,?,?)`,
  ).run(id, event.id, endpointId, event.merchantId, now, leaseOwner, toSqlDate(leaseUntil), now, now);
  return selectJobs([id])[0];
}
