// The fair claim: which due deliveries a worker leases next. Policy: round-robin over endpoints, each
// endpoint's oldest due rows up to its free slots, breaker-paused endpoints skipped until one probe.
import { toSqlDate, stmt } from "@/lib/db/sqlite";
import type { Job } from "../job";
import type { ClaimOptions } from "../store";
import { selectJobs } from "./job";

// Where the last claim round of this process stopped walking. Any starting point is fair, so it is
// cheap state: lost on restart, separate per process, and the walk wraps around.
let walkCursor = "";
/** Endpoints looked at per claim round at most: bounds the round's cost when thousands have pending rows. */
const MAX_WALK = 500;

/**
 * DeliveryStore.claim on SQLite: it walks the endpoints that have pending deliveries in
 * endpoint order, round-robin from where the previous round stopped (a loose index scan on
 * (status, endpointId, nextAttemptAt)), and takes each endpoint's oldest due rows up to its free
 * slots. A backlog of any size on one endpoint therefore costs the others nothing: each round gives
 * every endpoint with due work its share. Endpoints whose breaker is open are skipped until their
 * cool-down ends, then give exactly one probe (marked by moving pausedUntil past the probe's lease,
 * which no other worker will pass). Deliveries queued by Resend/Recover (`manual`) go regardless.
 */
export function claimNow({ owner, limit, leaseMs, perEndpoint, slots = new Map(), now = new Date() }: ClaimOptions): Job[] {
  const at = toSqlDate(now);
  const leaseUntil = toSqlDate(new Date(now.getTime() + leaseMs));
  const taken = new Map<string, number>(); // endpointId -> rows taken this round
  const picked: string[] = [];
  const probes = new Set<string>();
  const free = (endpointId: string) => (slots.get(endpointId) ?? perEndpoint) - (taken.get(endpointId) ?? 0);
  const take = (endpointId: string, ids: string[]) => {
    picked.push(...ids);
    taken.set(endpointId, (taken.get(endpointId) ?? 0) + ids.length);
  };

  // 1. Explicit requests (Resend, Recover): few, and not held back by the breaker.
  const manual = stmt(
    // CROSS JOIN keeps the tiny RetryRequest table the outer loop (SQLite would otherwise scan every pending delivery).
    `SELECT d."id" AS id, d."endpointId" AS endpointId FROM "RetryRequest" r CROSS JOIN "Delivery" d ON d."id" = r."deliveryId"
     WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ? AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ?)
     ORDER BY r."createdAt" LIMIT ?`,
  ).all(at, at, limit) as Array<{ id: string; endpointId: string }>;
  const manualIds = new Set<string>();
  for (const row of manual) {
    if (free(row.endpointId) <= 0) continue;
    take(row.endpointId, [row.id]);
    manualIds.add(row.id);
  }

  // 2. Round-robin over endpoints with pending rows.
  const nextEndpoint = stmt(`SELECT "endpointId" FROM "Delivery" WHERE "status" = 'pending' AND "endpointId" > ? ORDER BY "endpointId" LIMIT 1`).pluck();
  const dueRows = stmt(
    `SELECT "id" FROM "Delivery" WHERE "status" = 'pending' AND "endpointId" = ? AND "nextAttemptAt" <= ?
     AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) ORDER BY "nextAttemptAt" LIMIT ?`,
  ).pluck();
  const pausedUntil = stmt(`SELECT "pausedUntil" FROM "Endpoint" WHERE "id" = ?`).pluck();
  const markProbe = stmt(`UPDATE "Endpoint" SET "pausedUntil" = ? WHERE "id" = ?`);
  const start = walkCursor;
  let cursor = start;
  let wrapped = false;
  for (let visited = 0; visited < MAX_WALK && picked.length < limit; visited++) {
    const next = nextEndpoint.get(cursor) as string | undefined;
    if (next === undefined || (wrapped && next > start)) {
      if (wrapped || start === "") break;
      wrapped = true;
      cursor = "";
      continue;
    }
    cursor = next;
    const slots = Math.min(free(next), limit - picked.length);
    if (slots <= 0) continue;
    const ids = (dueRows.all(next, at, at, slots) as string[]).filter((id) => !manualIds.has(id));
    if (ids.length === 0) continue;
    const paused = pausedUntil.get(next) as string | null | undefined;
    if (paused === undefined) continue;
    if (paused !== null) {
      if (paused > at) continue; // cooling down
      markProbe.run(leaseUntil, next);
      probes.add(ids[0]);
      take(next, [ids[0]]);
    } else take(next, ids);
  }
  walkCursor = cursor;

  if (picked.length === 0) return [];
  stmt(`UPDATE "Delivery" SET "leaseOwner" = ?, "leaseUntil" = ?, "leaseToken" = "leaseToken" + 1 WHERE "id" IN (SELECT "value" FROM json_each(?))`).run(
    owner, leaseUntil, JSON.stringify(picked),
  );
  return selectJobs(picked, { probes, manual: manualIds });
}

