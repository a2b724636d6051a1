// The fair claim on PostgreSQL: the policy is planClaim (../claim-plan.ts); this reads what it needs in
// two statements and leases what it chose in a third:
//  1. the explicit requests (Resend, Recover) that are due;
//  2. the walk: endpoints with pending rows in id order from this process's cursor (wrapping around), a
//     loose index scan on Delivery(status, endpointId, nextAttemptAt) as a recursive CTE, with each
//     endpoint's breaker state and how many of its rows are due (counted only as far as the plan needs:
//     endpoints with nothing due are passed over, and the scan stops once the round's budget is spoken for);
//  3. the claim: ONE statement (anchor: Convoy's PostgreSQL queue) that marks the probes, takes the
//     chosen rows with FOR NO KEY UPDATE SKIP LOCKED (so workers never wait on or take each other's rows;
//     NO KEY leaves the attempts' foreign-key locks alone), leases them with a bumped fencing token, and
//     returns the jobs joined in.
// Probes stay exactly one per cool-down across workers: the UPDATE that moves pausedUntil past the probe's
// lease re-checks `pausedUntil <= now` after any concurrent one commits, so only one worker gets it. That
// move is a lease, not a state change (the breaker stays open, nothing to tell the merchant), so it is
// the one endpoint-state write outside endpoint-change.ts.
import { pgPool } from "@/lib/db/postgres";
import { planClaim } from "../claim-plan";
import type { Job } from "../job";
import type { ClaimOptions } from "../store";
import { JOB_COLUMNS, jobRows, toJob } from "./job";

/** Endpoints looked at per claim round at most: bounds the round's cost when thousands have pending rows. */
const MAX_WALK = 500;
let walkCursor = "";

const DUE = `d."status" = 'pending' AND d."nextAttemptAt" <= $1 AND (d."leaseUntil" IS NULL OR d."leaseUntil" < $1)`;
const NOT_MANUAL = `NOT EXISTS (SELECT 1 FROM "RetryRequest" r WHERE r."deliveryId" = d."id")`;

const MANUAL = `
SELECT d."id", d."endpointId" FROM "RetryRequest" r JOIN "Delivery" d ON d."id" = r."deliveryId"
WHERE ${DUE} ORDER BY r."createdAt" LIMIT $2`;

const NEXT = `SELECT min("endpointId") FROM "Delivery" WHERE "status" = 'pending' AND "endpointId" >`;
// $1 now, $2 cursor, $3 MAX_WALK, $4 rows counted per endpoint at most, $5 endpoints returned at most.
const WALK = `
WITH RECURSIVE
  after(id, n) AS (SELECT (${NEXT} $2), 1 UNION ALL SELECT (${NEXT} after.id), n + 1 FROM after WHERE after.id IS NOT NULL AND n < $3),
  before(id, n) AS (SELECT (${NEXT} ''), 1 WHERE $2 <> '' UNION ALL SELECT (${NEXT} before.id), n + 1 FROM before WHERE before.id IS NOT NULL AND before.id < $2 AND n < $3),
  walk AS (SELECT id, n FROM after WHERE id IS NOT NULL UNION ALL SELECT id, n + $3 FROM before WHERE id IS NOT NULL AND id <= $2),
  ordered AS MATERIALIZED (
    SELECT walk.id, walk.n, p."pausedUntil" FROM walk JOIN "Endpoint" p ON p."id" = walk.id
    WHERE p."pausedUntil" IS NULL OR p."pausedUntil" <= $1 ORDER BY walk.n LIMIT $3)
SELECT o.id, o."pausedUntil", c.due FROM ordered o CROSS JOIN LATERAL (
  SELECT count(*)::int AS due FROM (SELECT 1 FROM "Delivery" d WHERE d."endpointId" = o.id AND ${DUE} AND ${NOT_MANUAL} LIMIT $4) x) c
WHERE c.due > 0 LIMIT $5`; // no second ORDER BY: a CTE scan returns the materialized rows in their order, and sorting here would count every endpoint's rows before the LIMIT

// $1 now, $2 owner, $3 leaseUntil, $4 manual ids, $5 fair endpoint ids, $6 their takes, $7 probe endpoint ids.
const CLAIM = `
WITH
  manual AS (
    SELECT d."id", 0 AS ord FROM "Delivery" d WHERE d."id" = ANY($4::text[]) AND ${DUE} FOR NO KEY UPDATE SKIP LOCKED),
  probe AS (
    UPDATE "Endpoint" p SET "pausedUntil" = $3 WHERE p."id" = ANY($7::text[]) AND p."pausedUntil" <= $1
      AND EXISTS (SELECT 1 FROM "Delivery" d WHERE d."endpointId" = p."id" AND ${DUE})
    RETURNING p."id"),
  want AS (
    SELECT w.id, w.take, w.ord FROM unnest($5::text[], $6::int[]) WITH ORDINALITY AS w(id, take, ord)
    WHERE NOT (w.id = ANY($7::text[])) OR w.id IN (SELECT "id" FROM probe)),
  fair AS (
    SELECT x."id", want.ord FROM want CROSS JOIN LATERAL (
      SELECT d."id" FROM "Delivery" d WHERE d."endpointId" = want.id AND ${DUE} AND ${NOT_MANUAL}
      ORDER BY d."nextAttemptAt" LIMIT want.take FOR NO KEY UPDATE SKIP LOCKED) x),
  picked AS (SELECT "id", ord, true AS manual FROM manual UNION ALL SELECT "id", ord, false FROM fair)
UPDATE "Delivery" d SET "leaseOwner" = $2, "leaseUntil" = $3, "leaseToken" = d."leaseToken" + 1
FROM picked, "Event" e, "Endpoint" p
WHERE d."id" = picked."id" AND e."id" = d."eventId" AND p."id" = d."endpointId"
RETURNING ${JOB_COLUMNS}, picked.ord, picked.manual`;

export async function claim({ owner, limit, leaseMs, perEndpoint, slots = new Map(), now = new Date() }: ClaimOptions): Promise<Job[]> {
  if (limit <= 0) return [];
  const pool = pgPool();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const manual = (await pool.query(MANUAL, [now, limit])).rows as Array<{ id: string; endpointId: string }>;
  const countCap = Math.max(perEndpoint, ...slots.values(), 1);
  const walked = (await pool.query(WALK, [now, walkCursor, MAX_WALK, countCap, limit])).rows as Array<{ id: string; pausedUntil: Date | null; due: number }>;
  const due = new Map(walked.map((row) => [row.id, row.due]));
  const plan = planClaim({ limit, perEndpoint, slots, now, manual, walk: walked, due: (id, max) => Math.min(due.get(id) ?? 0, max) });
  walkCursor = plan.cursor ?? "";
  if (plan.manual.length === 0 && plan.fair.length === 0) return [];
  const probes = plan.fair.filter((f) => f.probe).map((f) => f.endpointId);
  const result = await pool.query(CLAIM, [
    now, owner, leaseUntil, plan.manual, plan.fair.map((f) => f.endpointId), plan.fair.map((f) => f.take), probes,
  ]);
  const probeSet = new Set(probes);
  return jobRows(result)
    .sort((a, b) => Number(a.ord) - Number(b.ord))
    .map(({ ord: _ord, manual: isManual, ...row }) => toJob(row, { manual: isManual === true, isProbe: !isManual && probeSet.has(row.endpointId) }));
}
