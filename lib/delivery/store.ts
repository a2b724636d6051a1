// The delivery engine's storage on SQLite: publish (Event + its Delivery rows), lease claims and
// attempt recording, each one synchronous IMMEDIATE transaction behind the process gate. The
// PostgreSQL variant keeps these signatures and claims with `FOR UPDATE SKIP LOCKED`.
import { randomBytes } from "node:crypto";
import { dbGate } from "@/lib/db/gate";
import { fromSqlDate, sqlite, stmt, toSqlDate } from "@/lib/db/sqlite";
import { countAttempt } from "./attempt-stat";
import type { Plan } from "./plan";
import type { SendResult } from "./send";

export type Job = {
  deliveryId: string;
  eventId: string;
  endpointId: string;
  merchantId: string;
  attemptCount: number;
  payload: string;
  isTest: boolean;
  url: string;
  endpointStatus: string;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
  headersCiphertext: string | null; // the endpoint's custom headers, sealed (issue 11)
};

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

export type AttemptRecord = { job: Job; leaseOwner: string; result: SendResult; plan: Plan; at: Date; autoDisableAfterMs: number };

/** Sortable, unique ids for rows created here (Prisma reads any string id). */
export const newId = (prefix: string) => prefix + Date.now().toString(36).padStart(9, "0") + randomBytes(8).toString("hex");

const JOB_COLUMNS = `
  d."id" AS deliveryId, d."eventId" AS eventId, d."endpointId" AS endpointId, d."merchantId" AS merchantId,
  d."attemptCount" AS attemptCount, e."payload" AS payload, e."isTest" AS isTest, p."url" AS url,
  p."status" AS endpointStatus, p."secretCiphertext" AS secretCiphertext,
  p."previousSecretCiphertext" AS previousSecretCiphertext, p."previousSecretExpiresAt" AS previousSecretExpiresAt,
  p."headersCiphertext" AS headersCiphertext`;

type JobRow = Omit<Job, "isTest" | "previousSecretExpiresAt"> & { isTest: number; previousSecretExpiresAt: string | null };

function selectJobs(ids: string[]): Job[] {
  if (ids.length === 0) return [];
  const rows = stmt(`SELECT ${JOB_COLUMNS} FROM "Delivery" d JOIN "Event" e ON e."id" = d."eventId" JOIN "Endpoint" p ON p."id" = d."endpointId"
              WHERE d."id" IN (${ids.map(() => "?").join(",")})`)
    .all(...ids) as JobRow[];
  return rows.map((r) => ({ ...r, isTest: r.isTest === 1, previousSecretExpiresAt: fromSqlDate(r.previousSecretExpiresAt) }));
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

type QueuedPublish = { event: NewEvent; resolve: (deliveries: number) => void; reject: (error: unknown) => void };
let publishQueue: QueuedPublish[] = [];
let publishScheduled = false;

function flushPublishes(): void {
  publishScheduled = false;
  const batch = publishQueue;
  publishQueue = [];
  void dbGate
    .run(() =>
      sqlite()
        .transaction(() =>
          batch.map(({ event }) => {
            try {
              return { ok: true as const, deliveries: sqlite().transaction(publishOne)(event) }; // a savepoint per event
            } catch (error) {
              return { ok: false as const, error };
            }
          }),
        )
        .immediate(),
    )
    .then(
      (results) => results.forEach((r, i) => (r.ok ? batch[i].resolve(r.deliveries) : batch[i].reject(r.error))),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
}

/**
 * Stores the event and one pending Delivery per enabled endpoint of the merchant whose filter
 * matches (empty filter = all types), atomically; resolves once committed, with the number of
 * deliveries queued. Publishes arriving in the same tick share one commit (each in its own savepoint).
 */
export function publish(event: NewEvent): Promise<number> {
  return new Promise((resolve, reject) => {
    publishQueue.push({ event, resolve, reject });
    if (!publishScheduled) {
      publishScheduled = true;
      setImmediate(flushPublishes);
    }
  });
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

export type ClaimOptions = { owner: string; limit: number; leaseMs: number; excludeEndpoints?: string[]; now?: Date };

/** Leases up to `limit` due deliveries (never leased, or lease expired) to `owner`, oldest due first. */
export function claim({ owner, limit, leaseMs, excludeEndpoints = [], now = new Date() }: ClaimOptions): Promise<Job[]> {
  if (limit <= 0) return Promise.resolve([]);
  return dbGate.run(() =>
    sqlite()
      .transaction(() => {
        const at = toSqlDate(now);
        const exclude = excludeEndpoints.length > 0 ? `AND "endpointId" NOT IN (${excludeEndpoints.map(() => "?").join(",")})` : "";
        const ids = stmt(
            `UPDATE "Delivery" SET "leaseOwner" = ?, "leaseUntil" = ?
             WHERE "id" IN (SELECT "id" FROM "Delivery"
               WHERE "status" = 'pending' AND "nextAttemptAt" <= ? AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) ${exclude}
               ORDER BY "nextAttemptAt" LIMIT ?)
             RETURNING "id"`,
          )
          .pluck()
          .all(owner, toSqlDate(new Date(now.getTime() + leaseMs)), at, at, ...excludeEndpoints, limit) as string[];
        return selectJobs(ids);
      })
      .immediate(),
  );
}

/** "5 days", "36 hours", "2 seconds": the largest unit that states the period exactly (else rounded seconds). */
export function describeDuration(ms: number): string {
  const units: Array<[string, number]> = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000], ["second", 1_000]];
  const [name, size] = units.find(([, size]) => ms >= size && ms % size === 0) ?? ["second", 1_000];
  const n = Math.max(1, Math.round(ms / size));
  return `${n} ${name}${n === 1 ? "" : "s"}`;
}

function recordOne({ job, leaseOwner, result, plan, at, autoDisableAfterMs }: AttemptRecord): void {
  const insertAttempt = stmt(
    `INSERT INTO "Attempt" ("id","deliveryId","attemptNumber","requestHeaders","responseStatus","responseHeaders","responseBody","durationMs","errorKind","errorMessage","createdAt")
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const updateDelivery = stmt(
    `UPDATE "Delivery" SET "status" = ?, "attemptCount" = ?, "lastStatusCode" = ?, "lastError" = ?, "lastDurationMs" = ?,
       "nextAttemptAt" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL, "completedAt" = ?, "updatedAt" = ?
     WHERE "id" = ? AND "leaseOwner" = ?`,
  );
  const healthy = stmt(`UPDATE "Endpoint" SET "failingSince" = NULL WHERE "id" = ? AND "failingSince" IS NOT NULL`);
  const failing = stmt(`UPDATE "Endpoint" SET "failingSince" = COALESCE("failingSince", ?) WHERE "id" = ?`);
  const disable = stmt(
    `UPDATE "Endpoint" SET "status" = 'disabled', "disabledReason" = ?, "failingSince" = NULL, "updatedAt" = ?
     WHERE "id" = ? AND "status" = 'enabled' AND (? = 1 OR "failingSince" <= ?)`,
  );
  const audit = stmt(
    `INSERT INTO "AuditEntry" ("id","merchantId","endpointId","actor","action","detail","createdAt") VALUES (?,?,?,'system','endpoint.disabled',?,?)`,
  );
  const disableWithAudit = (reason: string, force: 0 | 1, cutoff: string) => {
    if (disable.run(reason, now, job.endpointId, force, cutoff).changes === 1) {
      audit.run(newId("aud_"), job.merchantId, job.endpointId, JSON.stringify({ reason }), now);
    }
  };
  const now = toSqlDate(at);
  insertAttempt.run(
    newId("att_"), job.deliveryId, plan.attemptNumber, JSON.stringify(result.requestHeaders), result.statusCode,
    result.responseHeaders && JSON.stringify(result.responseHeaders), result.responseBody, result.durationMs,
    result.errorKind, result.errorMessage, now,
  );
  updateDelivery.run(
    plan.status, plan.attemptNumber, result.statusCode, result.errorMessage, result.durationMs,
    plan.nextAttemptAt && toSqlDate(plan.nextAttemptAt), plan.status === "pending" ? null : now, now, job.deliveryId, leaseOwner,
  );
  if (job.isTest) return; // test sends say nothing about the endpoint's health
  countAttempt(job.merchantId, job.endpointId, now, result.durationMs, result.ok); // the stats rollup (issue 11)
  if (result.ok) {
    healthy.run(job.endpointId);
  } else if (plan.disableReason) {
    disableWithAudit(plan.disableReason, 1, now);
  } else {
    failing.run(now, job.endpointId);
    const reason = `Disabled automatically: every delivery failed for ${describeDuration(autoDisableAfterMs)} (last error: ${result.errorMessage})`;
    disableWithAudit(reason, 0, toSqlDate(new Date(at.getTime() - autoDisableAfterMs)));
  }
}

/**
 * Records attempts and applies their plans in one commit, each in its own savepoint: one that cannot
 * be written (its endpoint was deleted meanwhile) does not take the others down. A delivery whose
 * lease was lost keeps its new owner's state. Resolves with the error of each record, or null.
 */
export function record(records: AttemptRecord[]): Promise<Array<unknown | null>> {
  if (records.length === 0) return Promise.resolve([]);
  return dbGate.run(() =>
    sqlite()
      .transaction(() =>
        records.map((entry) => {
          try {
            sqlite().transaction(recordOne)(entry);
            return null;
          } catch (error) {
            return error;
          }
        }),
      )
      .immediate(),
  );
}

/** Closes a claimed delivery without sending (its endpoint was disabled after the event was published). */
export function skip(job: Job, leaseOwner: string, reason: string, at = new Date()): Promise<void> {
  return dbGate.run(() => {
    stmt(
        `UPDATE "Delivery" SET "status" = 'failed', "lastError" = ?, "nextAttemptAt" = NULL, "leaseOwner" = NULL, "leaseUntil" = NULL,
           "completedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ?`,
      )
      .run(reason, toSqlDate(at), toSqlDate(at), job.deliveryId, leaseOwner);
  });
}

/** Gives back leases an owner still holds (graceful shutdown) so other workers can send them at once. */
export function releaseLeases(owner: string): Promise<number> {
  return dbGate.run(
    () => stmt(`UPDATE "Delivery" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "leaseOwner" = ? AND "status" = 'pending'`).run(owner).changes,
  );
}

/** Gives back specific claimed deliveries that will not be started here. */
export function releaseJobs(deliveryIds: string[], owner: string): Promise<void> {
  return dbGate.run(() => {
    const release = stmt(`UPDATE "Delivery" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ?`);
    sqlite().transaction(() => deliveryIds.forEach((id) => release.run(id, owner)))();
  });
}
