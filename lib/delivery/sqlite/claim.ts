// DashX's fair claim on SQLite: the policy is planClaim (../claim-plan.ts); this reads what it needs
// and leases what it chose, in one synchronous transaction of the group commit.
import { fromSqlDate, toSqlDate, stmt } from "@/lib/db/sqlite";
import { planClaim, type WalkedEndpoint } from "../claim-plan";
import type { Job } from "../job";
import type { ClaimOptions } from "../store";
import { selectJobs } from "./job";

// Where the last claim round of this process stopped walking. Any starting point is fair, so it is
// cheap state: lost on restart, separate per process, and the walk wraps around.
let walkCursor = "";
/** Endpoints looked at per claim round at most: bounds the round's cost when thousands have pending rows. */
const MAX_WALK = 500;

/**
 * The endpoints with pending deliveries in id order from `start`, wrapping around once, read lazily (a
 * loose index scan on Delivery(status, endpointId, nextAttemptAt), one step per endpoint the plan looks at).
 */
function* walkFrom(start: string): Generator<WalkedEndpoint> {
  const nextEndpoint = stmt(`SELECT "endpointId" FROM "Delivery" WHERE "status" = 'pending' AND "endpointId" > ? ORDER BY "endpointId" LIMIT 1`).pluck();
  const pausedUntil = stmt(`SELECT "pausedUntil" FROM "Endpoint" WHERE "id" = ?`).pluck();
  let cursor = start;
  let wrapped = false;
  for (let visited = 0; visited < MAX_WALK; visited++) {
    const next = nextEndpoint.get(cursor) as string | undefined;
    if (next === undefined || (wrapped && next > start)) {
      if (wrapped || start === "") return;
      wrapped = true;
      cursor = "";
      continue;
    }
    cursor = next;
    const paused = pausedUntil.get(next) as string | null | undefined;
    if (paused !== undefined) yield { id: next, pausedUntil: fromSqlDate(paused) };
  }
}

/**
 * DeliveryStore.claim on SQLite (the policy: planClaim). A probe is marked by moving the endpoint's
 * pausedUntil past the probe's lease, which no other worker will pass.
 */
export function claimNow({ owner, limit, leaseMs, perEndpoint, slots = new Map(), now = new Date() }: ClaimOptions): Job[] {
  if (limit <= 0) return [];
  const at = toSqlDate(now);
  const leaseUntil = toSqlDate(new Date(now.getTime() + leaseMs));
  const manual = stmt(
    // CROSS JOIN keeps the tiny RetryRequest table the outer loop (SQLite would otherwise scan every pending delivery).
    `SELECT d."id" AS id, d."endpointId" AS endpointId FROM "RetryRequest" r CROSS JOIN "Delivery" d ON d."id" = r."deliveryId"
     WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ? AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ?)
     ORDER BY r."createdAt" LIMIT ?`,
  ).all(at, at, limit) as Array<{ id: string; endpointId: string }>;
  const candidates = new Set(manual.map((row) => row.id));
  const dueRows = stmt(
    `SELECT "id" FROM "Delivery" WHERE "status" = 'pending' AND "endpointId" = ? AND "nextAttemptAt" <= ?
     AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) ORDER BY "nextAttemptAt" LIMIT ?`,
  ).pluck();
  const dueIds = new Map<string, string[]>();
  const plan = planClaim({
    limit, perEndpoint, slots, now, manual,
    walk: walkFrom(walkCursor),
    due: (endpointId, max) => {
      const ids = (dueRows.all(endpointId, at, at, max + candidates.size) as string[]).filter((id) => !candidates.has(id)).slice(0, max);
      dueIds.set(endpointId, ids);
      return ids.length;
    },
  });
  walkCursor = plan.cursor ?? "";

  const picked = [...plan.manual];
  const probes = new Set<string>();
  // The one endpoint-state write outside endpoint-change.ts, on purpose: moving pausedUntil past the probe's
  // lease is a lease, not a state change (the breaker stays open, alertState and the merchant's news do not move).
  const markProbe = stmt(`UPDATE "Endpoint" SET "pausedUntil" = ? WHERE "id" = ?`);
  for (const { endpointId, take, probe } of plan.fair) {
    const ids = dueIds.get(endpointId)!.slice(0, take);
    if (probe) {
      markProbe.run(leaseUntil, endpointId);
      probes.add(ids[0]);
    }
    picked.push(...ids);
  }
  if (picked.length === 0) return [];
  stmt(`UPDATE "Delivery" SET "leaseOwner" = ?, "leaseUntil" = ?, "leaseToken" = "leaseToken" + 1 WHERE "id" IN (SELECT "value" FROM json_each(?))`).run(
    owner, leaseUntil, JSON.stringify(picked),
  );
  return selectJobs(picked, { probes, manual: new Set(plan.manual) });
}
