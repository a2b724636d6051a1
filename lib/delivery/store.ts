// Publishing on SQLite: an Event and its Delivery rows (the outbox), in one transaction. Claims are
// in claim.ts, attempt records in record.ts, both through the same group commit.
import { randomBytes } from "node:crypto";
import { dbGate } from "@/lib/db/gate";
import { fromSqlDate, sqlite, stmt, toSqlDate } from "@/lib/db/sqlite";
import { inGroupCommit } from "./group-commit";
import { selectJobs, type Job } from "./job";

export type NewEvent = {
  id: string;
  merchantId: string;
  type: string;
  payload: string;
  isTest: boolean;
  idempotencyKey: string | null;
  requestHash: string | null;
  createdAt: Date;
};

/** Sortable, unique ids for rows created here (Prisma reads any string id). */
export const newId = (prefix: string) => prefix + Date.now().toString(36).padStart(9, "0") + randomHex8();

// randomBytes per id costs a syscall; draw from a pooled buffer instead (same CSPRNG).
let pool = Buffer.alloc(0);
let offset = 0;
function randomHex8(): string {
  if (offset + 8 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 8;
  return pool.toString("hex", offset - 8, offset);
}

function insertEventRow(event: NewEvent): void {
  stmt(`INSERT INTO "Event" ("id","merchantId","type","payload","isTest","idempotencyKey","requestHash","createdAt") VALUES (?,?,?,?,?,?,?,?)`)
    .run(event.id, event.merchantId, event.type, event.payload, event.isTest ? 1 : 0, event.idempotencyKey, event.requestHash, toSqlDate(event.createdAt));
}

/**
 * What publish did: stored the event with this many deliveries; or found the merchant's event with the
 * same Idempotency-Key (the caller compares requestHash: same body → the same event, else a conflict);
 * or found no such merchant.
 */
export type PublishOutcome =
  | { kind: "published"; deliveries: number }
  | { kind: "replayed"; id: string; requestHash: string | null; deliveries: number }
  | { kind: "merchant_not_found" };

// The merchant check and the idempotency lookup run inside the same IMMEDIATE transaction as the insert:
// writers are serialised (across processes too), so a second request with a key always sees the first's
// row and no unique-violation retry is needed; and the intake needs no Prisma round trip of its own.
function publishOne(event: NewEvent): PublishOutcome {
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
  const endpoints = stmt(
    `SELECT "id" FROM "Endpoint" WHERE "merchantId" = ? AND "status" = 'enabled'
     AND ("eventTypes" = '[]' OR EXISTS (SELECT 1 FROM json_each("Endpoint"."eventTypes") WHERE value = ?))`,
  ).all(event.merchantId, event.type) as Array<{ id: string }>;
  const insert = stmt(
    `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","createdAt","updatedAt")
     VALUES (?,?,?,?,'pending',0,?,?,?)`,
  );
  for (const endpoint of endpoints) insert.run(newId("dlv_"), event.id, endpoint.id, event.merchantId, now, now, now);
  return { kind: "published", deliveries: endpoints.length };
}

/**
 * Stores the event and one pending Delivery per enabled endpoint of the merchant whose filter
 * matches (empty filter = all types), atomically, unless the merchant does not exist or already has an
 * event with the same idempotency key; resolves once committed. Publishes arriving in the same tick
 * share one commit with the engine's other writes (lib/delivery/group-commit.ts), in arrival order: a
 * later one sees an earlier one's key.
 */
export function publish(event: NewEvent): Promise<PublishOutcome> {
  return inGroupCommit(() => publishOne(event));
}

/** Stores a test event and its single delivery, already leased to the caller so no worker sends it too. */
export function publishTest(event: NewEvent, endpointId: string, leaseOwner: string, leaseUntil: Date): Promise<Job> {
  return dbGate.run(() =>
    sqlite()
      .transaction(() => {
        insertEventRow(event);
        const now = toSqlDate(event.createdAt);
        const id = newId("dlv_");
        stmt(
            `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","nextAttemptAt","leaseOwner","leaseUntil","createdAt","updatedAt")
             VALUES (?,?,?,?,'pending',0,?,?,?,?,?)`,
          )
          .run(id, event.id, endpointId, event.merchantId, now, leaseOwner, toSqlDate(leaseUntil), now, now);
        return selectJobs([id])[0];
      })
      .immediate(),
  );
}
