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

function publishOne(event: NewEvent): number {
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
  return endpoints.length;
}

/**
 * Stores the event and one pending Delivery per enabled endpoint of the merchant whose filter
 * matches (empty filter = all types), atomically; resolves once committed, with the number of
 * deliveries queued. Publishes arriving in the same tick share one commit with the engine's other
 * writes (lib/delivery/group-commit.ts), each in its own savepoint.
 */
export function publish(event: NewEvent): Promise<number> {
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
