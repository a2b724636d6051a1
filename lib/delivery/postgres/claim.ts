// The fair claim on PostgreSQL (the policy: DeliveryStore.claim). Two statements:
//  1. the walk: endpoints with pending rows in id order from this process's cursor (wrapping around), a
//     loose index scan on Delivery(status, endpointId, nextAttemptAt) as a recursive CTE, with each
//     endpoint's breaker state;
//  2. the claim: ONE statement (anchor: Convoy's PostgreSQL queue) that marks the probes, takes each
//     chosen endpoint's oldest due rows with FOR NO KEY UPDATE SKIP LOCKED (so workers never wait on or
//     take each other's rows; NO KEY leaves the attempts' foreign-key locks alone), leases them with a bumped fencing token, and returns the jobs joined in.
// Probes stay exactly one per cool-down across workers: the UPDATE that moves pausedUntil past the probe's
// lease re-checks `pausedUntil <= now` after any concurrent one commits, so only one worker gets it.
import { pgPool } from "@/lib/db/postgres";
import type { Job } from "../job";
import type { ClaimOptions } from "../store";
import { JOB_COLUMNS, jobRows, toJob } from "./job";

/** Endpoints looked at per claim round at most: bounds the round's cost when thousands have pending rows. */
const MAX_WALK = 500;
let walkCursor = "";

const NEXT = `SELECT min("endpointId") FROM "Delivery" WHERE "status" = 'pending' AND "endpointId" >`;
const WALK = `
WITH RECURSIVE
  after(id, n) AS (SELECT (${NEXT} $1), 1 UNION ALL SELECT (${NEXT} after.id), n + 1 FROM after WHERE after.id IS NOT NULL AND n < $2),
  before(id, n) AS (SELECT (${NEXT} ''), 1 WHERE $1 <> '' UNION ALL SELECT (${NEXT} before.id), n + 1 FROM before WHERE before.id IS NOT NULL AND before.id < $1 AND n < $2),
  walk AS (SELECT id, n FROM after WHERE id IS NOT NULL UNION ALL SELECT id, n + $2 FROM before WHERE id IS NOT NULL AND id <= $1)
SELECT walk.id, p."pausedUntil" FROM walk JOIN "Endpoint" p ON p."id" = walk.id ORDER BY walk.n LIMIT $2`;

const DUE = `d."status" = 'pending' AND d."nextAttemptAt" <= $2 AND (d."leaseUntil" IS NULL OR d."leaseUntil" < $2)`;
const CLAIM = `
WITH
  manual AS (
    SELECT d."id", 0 AS ord FROM "RetryRequest" r JOIN "Delivery" d ON d."id" = r."deliveryId"
    WHERE ${DUE} ORDER BY r."createdAt" LIMIT $6 FOR NO KEY UPDATE OF d SKIP LOCKED),
  probe AS (
    UPDATE "Endpoint" p SET "pausedUntil" = $3 WHERE p."id" = ANY($7::text[]) AND p."pausedUntil" <= $2
      AND EXISTS (SELECT 1 FROM "Delivery" d WHERE d."endpointId" = p."id" AND ${DUE})
    RETURNING p."id"),
  want AS (
    SELECT w.id, w.take, w.ord FROM unnest($4::text[], $5::int[]) WITH ORDINALITY AS w(id, take, ord)
    WHERE NOT (w.id = ANY($7::text[])) OR w.id IN (SELECT "id" FROM probe)),
  fair AS (
    SELECT x."id", want.ord FROM want CROSS JOIN LATERAL (
      SELECT d."id" FROM "Delivery" d WHERE d."endpointId" = want.id AND ${DUE}
        AND NOT EXISTS (SELECT 1 FROM manual m WHERE m."id" = d."id")
      ORDER BY d."nextAttemptAt" LIMIT want.take FOR NO KEY UPDATE SKIP LOCKED) x),
  picked AS (SELECT "id", ord, true AS manual FROM manual UNION ALL SELECT "id", ord, false FROM fair)
UPDATE "Delivery" d SET "leaseOwner" = $1, "leaseUntil" = $3, "leaseToken" = d."leaseToken" + 1
FROM picked, "Event" e, "Endpoint" p
WHERE d."id" = picked."id" AND e."id" = d."eventId" AND p."id" = d."endpointId"
RETURNING ${JOB_COLUMNS}, picked.ord, picked.manual`;

export async function claim({ owner, limit, leaseMs, perEndpoint, slots = new Map(), now = new Date() }: ClaimOptions): Promise<Job[]> {
  if (limit <= 0) return [];
  const pool = pgPool();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const walked = (await pool.query(WALK, [walkCursor, MAX_WALK])).rows as Array<{ id: string; pausedUntil: Date | null }>;
  const ids: string[] = [];
  const takes: number[] = [];
  const probes: string[] = [];
  let budget = limit;
  let cursor = walkCursor;
  for (const endpoint of walked) {
    if (budget <= 0) break;
    cursor = endpoint.id;
    if (endpoint.pausedUntil !== null && endpoint.pausedUntil > now) continue; // cooling down
    const take = endpoint.pausedUntil !== null ? 1 : Math.min(slots.get(endpoint.id) ?? perEndpoint, budget);
    if (take <= 0) continue;
    if (endpoint.pausedUntil !== null) probes.push(endpoint.id);
    ids.push(endpoint.id);
    takes.push(take);
    budget -= take;
  }
  walkCursor = walked.length === 0 ? "" : cursor;
  const result = await pool.query(CLAIM, [owner, now, leaseUntil, ids, takes, limit, probes]);
  const probeSet = new Set(probes);
  return jobRows(result)
    .sort((a, b) => Number(a.ord) - Number(b.ord))
    .map(({ ord: _ord, manual, ...row }) => toJob(row, { manual: manual === true, isProbe: !manual && probeSet.has(row.endpointId) }));
}
