// A job as PostgreSQL returns it from the claim's UPDATE … RETURNING (the job columns joined in).
import type pg from "pg";
import type { Job } from "../job";

/** The job columns, for a statement whose FROM has d = "Delivery", e = "Event", p = "Endpoint". */
export const JOB_COLUMNS = `
  d."id" AS "deliveryId", d."eventId", d."endpointId", d."merchantId", d."attemptCount", d."leaseOwner", d."leaseToken",
  e."payload", e."isTest", e."createdAt" AS "eventCreatedAt", p."url", p."status" AS "endpointStatus", p."secretCiphertext",
  p."previousSecretCiphertext", p."previousSecretExpiresAt", p."previousSecrets", p."headersCiphertext"`;

export type JobRow = Omit<Job, "manual" | "isProbe">;

export const toJob = (row: JobRow, flags: { manual: boolean; isProbe: boolean }): Job => ({ ...row, ...flags });

/** node-postgres returns timestamptz as Date, integer as number, boolean as boolean, jsonb parsed: the row is the job. */
export const jobRows = (result: pg.QueryResult) => result.rows as Array<JobRow & Record<string, unknown>>;
