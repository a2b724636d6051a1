// The delivery store: the seam between the engine's policy (worker, deliver, plan, breaker,
// endpoint-health, event-filter, ids, group-commit: written once) and the database. Two implementations,
// chosen from DATABASE_URL's scheme: lib/delivery/sqlite (the embedded default, synchronous SQL on a
// direct connection) and lib/delivery/postgres (node-postgres, FOR UPDATE SKIP LOCKED claims, LISTEN/NOTIFY
// wake-ups). Both pass the same conformance suite (lib/delivery/store-conformance.ts).
import { dialectOf } from "@/lib/db/dialect";
import { env } from "@/lib/env";
import type { HealthSettings } from "./endpoint-health";
import type { Job } from "./job";
import type { Plan } from "./plan";
import type { SendResult } from "./send";

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

/**
 * What publish did: stored the event with this many deliveries; or found the merchant's event with the
 * same Idempotency-Key (the caller compares requestHash: same body → the same event, else a conflict);
 * or found no such merchant.
 */
export type PublishOutcome =
  | { kind: "published"; deliveries: number }
  | { kind: "replayed"; id: string; requestHash: string | null; deliveries: number }
  | { kind: "merchant_not_found" };

export type ClaimOptions = {
  owner: string;
  /** At most this many jobs in all. */
  limit: number;
  leaseMs: number;
  /** Rows to take at most for an endpoint not in `slots`... */
  perEndpoint: number;
  /** ...and for these endpoints (what the owner's lanes can still take). */
  slots?: ReadonlyMap<string, number>;
  now?: Date;
};

export type AttemptRecord = { job: Job; result: SendResult; plan: Plan; at: Date; settings: HealthSettings };
/** What recording an attempt left behind that the worker schedules by: the end of its endpoint's cool-down (null: not paused). */
export type RecordResult = { pausedUntil: Date | null };

export interface DeliveryStore {
  /**
   * Stores the event and one pending Delivery per enabled endpoint of the merchant whose filter accepts
   * its type (event-filter.ts), atomically, unless the merchant does not exist or already has an event
   * with the same idempotency key (then "replayed", even when two publishes with one key race).
   */
  publish(event: NewEvent): Promise<PublishOutcome>;
  /** Stores a test event and its single delivery, already leased to `owner` so no worker sends it too. */
  publishTest(event: NewEvent, endpointId: string, owner: string, leaseUntil: Date): Promise<Job>;
  /**
   * Leases due deliveries fairly: round-robin over the endpoints with pending rows (from where this
   * process's previous round stopped), each endpoint's oldest due rows up to its free slots; explicit
   * requests (RetryRequest) first; an endpoint whose breaker is open is skipped until its cool-down ends
   * and then gives exactly one probe, whichever worker claims it. Each claim bumps the fencing token.
   */
  claim(options: ClaimOptions): Promise<Job[]>;
  /**
   * Records one attempt (Attempt row, stats rollup, the delivery's next state, the endpoint's health
   * per endpoint-health.ts, an audit entry if that disables it) in one transaction. Under a stale lease
   * the attempt row is still written but the delivery keeps its new owner's state. Answers when the
   * endpoint's breaker cool-down ends, so the worker wakes for the probe instead of waiting for its poll.
   */
  record(entry: AttemptRecord): Promise<RecordResult>;
  /** Closes a claimed delivery without sending (its endpoint was disabled after the event was published). */
  skip(job: Job, reason: string, at?: Date): Promise<void>;
  /** Gives back claimed deliveries that will not be started here (another worker, or a later claim, sends them now). */
  release(jobs: Job[]): Promise<void>;
  /** Gives back every lease `owner` still holds (graceful shutdown). */
  releaseOwner(owner: string): Promise<number>;
  /** Tells every worker, in any process, that deliveries are due now. */
  notify(): Promise<void>;
  /** Calls `listener` when any process notified; returns the unsubscribe function. */
  onNotify(listener: () => void): () => void;
}

const globalForStore = globalThis as unknown as { dashxDeliveryStore?: Promise<DeliveryStore> };

/** This process's store, for DATABASE_URL's dialect (loaded on first use, so SQLite deployments never load pg and vice versa). */
export function deliveryStore(): Promise<DeliveryStore> {
  return (globalForStore.dashxDeliveryStore ??=
    dialectOf(env().DATABASE_URL) === "postgres"
      ? import("./postgres/store").then((m) => m.postgresStore)
      : import("./sqlite/store").then((m) => m.sqliteStore));
}
