// Jobs for claimed delivery ids, read in one join (SQLite).
import { fromSqlDate, stmt } from "@/lib/db/sqlite";
import type { Job } from "../job";

const JOB_COLUMNS = `
  d."id" AS deliveryId, d."eventId" AS eventId, d."endpointId" AS endpointId, d."merchantId" AS merchantId,
  d."attemptCount" AS attemptCount, d."leaseOwner" AS leaseOwner, d."leaseToken" AS leaseToken,
  e."payload" AS payload, e."isTest" AS isTest, e."createdAt" AS eventCreatedAt, p."url" AS url,
  p."status" AS endpointStatus, p."secretCiphertext" AS secretCiphertext,
  p."previousSecretCiphertext" AS previousSecretCiphertext, p."previousSecretExpiresAt" AS previousSecretExpiresAt,
  p."previousSecrets" AS previousSecrets, p."headersCiphertext" AS headersCiphertext`;

type JobRow = Omit<Job, "isTest" | "previousSecretExpiresAt" | "previousSecrets" | "eventCreatedAt" | "manual" | "isProbe"> & {
  isTest: number;
  previousSecrets: string | null;
  previousSecretExpiresAt: string | null;
  eventCreatedAt: string;
};

/** The jobs for these delivery ids, in the order given (the claim's fair order): one statement for all of them. */
export function selectJobs(ids: string[], { probes = new Set(), manual = new Set() }: { probes?: ReadonlySet<string>; manual?: ReadonlySet<string> } = {}): Job[] {
  if (ids.length === 0) return [];
  const rows = stmt(
    `SELECT ${JOB_COLUMNS} FROM "Delivery" d JOIN "Event" e ON e."id" = d."eventId" JOIN "Endpoint" p ON p."id" = d."endpointId"
     WHERE d."id" IN (SELECT "value" FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as JobRow[];
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.deliveryId)! - order.get(b.deliveryId)!);
  return rows.map((r) => ({
    ...r,
    isTest: r.isTest === 1,
    eventCreatedAt: new Date(r.eventCreatedAt),
    manual: manual.has(r.deliveryId),
    isProbe: probes.has(r.deliveryId),
    previousSecretExpiresAt: fromSqlDate(r.previousSecretExpiresAt),
    previousSecrets: r.previousSecrets === null ? null : JSON.parse(r.previousSecrets),
  }));
}
