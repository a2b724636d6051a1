// A claimed delivery with what sending it needs (event bytes, endpoint URL and secrets), read in one join.
import { fromSqlDate, stmt } from "@/lib/db/sqlite";

export type Job = {
  deliveryId: string;
  eventId: string;
  endpointId: string;
  merchantId: string;
  attemptCount: number;
  payload: string;
  isTest: boolean;
  /** The event's createdAt (its publish), for the publish→delivery latency metric. */
  eventCreatedAt: Date;
  url: string;
  endpointStatus: string;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
  /** Endpoint.previousSecrets: JSON of every replaced secret still signing (lib/webhooks/previous-secrets.ts). */
  previousSecrets: string | null;
  /** The endpoint's custom headers, sealed (lib/webhooks/custom-headers.ts). */
  headersCiphertext: string | null;
  /** Queued again by Resend/Recover (a RetryRequest row): sent even while the endpoint's breaker is open. */
  manual: boolean;
  /** The one attempt a claim let through when the endpoint's breaker cool-down ended. */
  isProbe: boolean;
};

const JOB_COLUMNS = `
  d."id" AS deliveryId, d."eventId" AS eventId, d."endpointId" AS endpointId, d."merchantId" AS merchantId,
  d."attemptCount" AS attemptCount, e."payload" AS payload, e."isTest" AS isTest, e."createdAt" AS eventCreatedAt, p."url" AS url,
  p."status" AS endpointStatus, p."secretCiphertext" AS secretCiphertext,
  p."previousSecretCiphertext" AS previousSecretCiphertext, p."previousSecretExpiresAt" AS previousSecretExpiresAt,
  p."previousSecrets" AS previousSecrets, p."headersCiphertext" AS headersCiphertext`;

type JobRow = Omit<Job, "isTest" | "eventCreatedAt" | "previousSecretExpiresAt" | "manual" | "isProbe"> & { isTest: number; eventCreatedAt: string; previousSecretExpiresAt: string | null };

/** The jobs for these delivery ids, in the order given (the claim's fair order). */
export function selectJobs(ids: string[], { probes = new Set(), manual = new Set() }: { probes?: ReadonlySet<string>; manual?: ReadonlySet<string> } = {}): Job[] {
  if (ids.length === 0) return [];
  const select = stmt(`SELECT ${JOB_COLUMNS} FROM "Delivery" d JOIN "Event" e ON e."id" = d."eventId" JOIN "Endpoint" p ON p."id" = d."endpointId" WHERE d."id" = ?`);
  return ids.flatMap((id) => {
    const r = select.get(id) as JobRow | undefined;
    if (!r) return [];
    return [{ ...r, isTest: r.isTest === 1, manual: manual.has(id), isProbe: probes.has(id), eventCreatedAt: fromSqlDate(r.eventCreatedAt)!, previousSecretExpiresAt: fromSqlDate(r.previousSecretExpiresAt) }];
  });
}

