// The claim policy, written once: which due deliveries a claim round takes. Each store
// (sqlite/claim.ts, postgres/claim.ts) only reads what the plan needs and leases what it chose.
// Explicit requests (Resend, Recover) go first; then a round-robin walk over the endpoints with pending
// rows gives each its oldest due rows up to its free slots; an endpoint whose breaker is open gives
// nothing until its cool-down ends, then exactly one probe. `limit` bounds the whole round, and only
// rows that are due count against it.

export type WalkedEndpoint = { id: string; pausedUntil: Date | null };

export type ClaimInput = {
  limit: number;
  perEndpoint: number;
  slots: ReadonlyMap<string, number>;
  now: Date;
  /** Due, unleased deliveries with a RetryRequest, oldest request first. */
  manual: ReadonlyArray<{ id: string; endpointId: string }>;
  /** Endpoints with pending deliveries, in round-robin order from where the previous round stopped (may be lazy). */
  walk: Iterable<WalkedEndpoint>;
  /** How many due, unleased, not-manual rows of the endpoint the store will take, at most `max` (> 0). */
  due: (endpointId: string, max: number) => number;
};

export type ClaimPlan = {
  manual: string[];
  fair: Array<{ endpointId: string; take: number; probe: boolean }>;
  /** The last endpoint the walk looked at (where the next round starts), null when it looked at none. */
  cursor: string | null;
};

export function planClaim({ limit, perEndpoint, slots, now, manual, walk, due }: ClaimInput): ClaimPlan {
  const taken = new Map<string, number>();
  const free = (endpointId: string) => (slots.get(endpointId) ?? perEndpoint) - (taken.get(endpointId) ?? 0);
  const take = (endpointId: string, n: number) => taken.set(endpointId, (taken.get(endpointId) ?? 0) + n);
  let budget = limit;
  const plan: ClaimPlan = { manual: [], fair: [], cursor: null };

  for (const row of manual) {
    if (budget <= 0) break;
    if (free(row.endpointId) <= 0) continue;
    plan.manual.push(row.id);
    take(row.endpointId, 1);
    budget -= 1;
  }

  if (budget <= 0) return plan;
  for (const endpoint of walk) {
    plan.cursor = endpoint.id;
    const probe = endpoint.pausedUntil !== null;
    if (probe && endpoint.pausedUntil! > now) continue; // cooling down
    const max = Math.min(free(endpoint.id), budget, probe ? 1 : Infinity);
    if (max <= 0) continue;
    const n = Math.min(due(endpoint.id, max), max);
    if (n <= 0) continue;
    plan.fair.push({ endpointId: endpoint.id, take: n, probe });
    take(endpoint.id, n);
    budget -= n;
    if (budget <= 0) break; // before asking a lazy walk for one more endpoint
  }
  return plan;
}
