// The one writer of an endpoint's state and of the notifications its changes raise (issue 21 §1). Every
// change that can tell the merchant something goes through here: a recorded attempt (both recorders), a
// person enabling or disabling it (update-endpoint), a signature probe's verdict. This file decides (pure)
// and writes the endpoint's columns and the Notification rows (the outbox: dispatchedAt null = to send)
// as statements the caller runs inside the transaction it already holds, so a change is never committed
// without its notification or the other way round. The statements are data, so the SQLite recorder's
// thread, the PostgreSQL recorder's client and a Prisma transaction run the very same SQL.
//
// alertState is the last state the merchant was told (ok | failing | paused | disabled); a notification is
// raised only when it changes. Enabling a disabled endpoint keeps alertState "disabled" (silently) until the
// first real success, which raises endpoint.recovered and sets ok; a failing run or a breaker opening after
// the enable raises failing/paused as from ok. Test sends (event.isTest) change the breaker as the health
// code always did, but never failedInARow, alertState or a notification: the stats and the dashboard's
// failures-in-a-row leave them out too, and the person sending one sees its result.
// endpoint.failing has two triggers: FAILING_AFTER real failures in a row (failedInARow), or the recent
// success rate under 50 % over at least 10 deliveries (an endpoint failing every other delivery never
// fails 4 in a row). The rate is read only when it can matter (needsRecentRate: a real failure while no
// trouble has been told, or a success while failing), so a healthy endpoint's successes cost no query;
// see recentRateStatement for what "recent" counts. A failing endpoint whose rate is still under 50 %
// does not recover on one lucky success: that is what keeps an every-other-failure endpoint from
// flapping failing/recovered.
import { toSqlDate } from "@/lib/db/sqlite";
import type { Dialect } from "@/lib/db/dialect";
import {
  exhaustedDedupeKey,
  FAILING_AFTER,
  hourStart,
  notificationDataSchema,
  type AlertState,
  type EndpointNotificationKind,
  type NotificationData,
} from "@/lib/notifications/kinds";
import { endpointAfterAttempt, type EndpointHealth, type HealthAttempt, type HealthSettings } from "./endpoint-health";
import { newId } from "./ids";


/** The columns this module owns, as one endpoint row holds them. */
export type EndpointState = EndpointHealth & {
  disabledReason: string | null;
  failedInARow: number;
  alertState: AlertState;
};

/** What a change needs to know about the endpoint besides its state (the notification's data). */
export type EndpointFacts = { id: string; merchantId: string; url: string; description: string };

export type NotificationDraft = { type: EndpointNotificationKind; data: NotificationData; dedupeKey: string | null; count: number };

export type EndpointChange = {
  /** The endpoint's state after the change; null when the row stays as it is. */
  state: EndpointState | null;
  notifications: NotificationDraft[];
  /** An automatic disable is audited like a person's (who: system). */
  audit: { actor: string; action: "endpoint.disabled"; detail: { reason: string } } | null;
};

const parseAlertState = (value: string): AlertState => (value === "failing" || value === "paused" || value === "disabled" ? value : "ok");

/** A row's state as read (alertState is a plain string column). */
export const endpointState = (row: Omit<EndpointState, "alertState"> & { alertState: string }): EndpointState => ({ ...row, alertState: parseAlertState(row.alertState) });

const iso = (date: Date | null) => (date ? date.toISOString() : undefined);

function draft(type: EndpointNotificationKind, endpoint: EndpointFacts, state: EndpointState, extra: NotificationData = {}, dedupeKey: string | null = null): NotificationDraft {
  const data = notificationDataSchema.parse({
    endpointId: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    state: state.alertState,
    lastError: state.lastError,
    ...extra,
  });
  return { type, data, dedupeKey, count: 1 };
}

export type AttemptFacts = HealthAttempt & {
  /** This attempt closed its delivery as failed (the last retry, or a 410) under a lease still its own. */
  exhausted: boolean;
  /** The recent success rate, this attempt included, when needsRecentRate asked for it. */
  recentRate?: RecentRate | null;
};

/** Deliveries of the endpoint created in the last RECENT_WINDOW_MS and attempted, and how many succeeded. */
export type RecentRate = { attempts: number; succeeded: number };
export const RECENT_WINDOW_MS = 15 * 60_000;
/** The rate trips endpoint.failing only over at least this many deliveries, under this share of successes. */
export const RATE_MIN_ATTEMPTS = 10;
export const RATE_FAILING_BELOW = 0.5;
/** At most this many of the newest deliveries are read (an index range scan on (endpointId, createdAt)). */
const RATE_SAMPLE = 200;

const rateIsLow = (rate: RecentRate | null | undefined): rate is RecentRate =>
  !!rate && rate.attempts >= RATE_MIN_ATTEMPTS && rate.succeeded / rate.attempts < RATE_FAILING_BELOW;

/**
 * Whether this attempt's decision depends on the recent success rate, so the recorder reads it only then:
 * a real failure on an enabled endpoint nobody was told about yet (short of the in-a-row trigger), or a
 * real success while it is failing (does it recover?).
 */
export function needsRecentRate(before: EndpointState, attempt: Pick<AttemptFacts, "ok" | "isTest">): boolean {
  if (attempt.isTest || before.status !== "enabled") return false;
  if (attempt.ok) return before.alertState === "failing";
  return (before.alertState === "ok" || before.alertState === "disabled") && before.failedInARow + 1 < FAILING_AFTER;
}

/**
 * The recent success rate of one endpoint: over its newest (at most RATE_SAMPLE) deliveries created in
 * the window that have had an attempt, the share whose latest attempt succeeded (a delivery waiting on a
 * retry counts as failed). Bounded by the (endpointId, createdAt) index, whatever the backlog.
 */
export function recentRateStatement(dialect: Dialect, endpointId: string, at: Date): Statement {
  const b = binder(dialect);
  const sql =
    `SELECT COUNT(*) AS "attempts", COALESCE(SUM(CASE WHEN "status" = 'succeeded' THEN 1 ELSE 0 END), 0) AS "succeeded" FROM (` +
    `SELECT "status" FROM "Delivery" WHERE "endpointId" = ${b.text(endpointId)} AND "createdAt" >= ${b.date(new Date(at.getTime() - RECENT_WINDOW_MS))} ` +
    `AND "attemptCount" > 0 ORDER BY "createdAt" DESC LIMIT ${RATE_SAMPLE}) AS "recent"`;
  return { sql, params: b.params };
}

/** A rate row as either driver returns it (PostgreSQL's COUNT is a bigint string). */
export const recentRate = (row: { attempts: number | string | bigint; succeeded: number | string | bigint }): RecentRate => ({
  attempts: Number(row.attempts),
  succeeded: Number(row.succeeded),
});

/**
 * What one recorded attempt changes: the health (endpoint-health.ts: breaker, auto-disable clock, last
 * error), failedInARow, and alertState with the notification its change raises; plus delivery.exhausted.
 * Null for the common case, a success on a healthy endpoint: nothing to write.
 */
export function changeAfterAttempt(endpoint: EndpointFacts, before: EndpointState, attempt: AttemptFacts, settings: HealthSettings): EndpointChange | null {
  const health = endpointAfterAttempt(before, attempt, settings);
  const real = !attempt.isTest;
  const failedInARow = !real ? before.failedInARow : attempt.ok ? 0 : before.failedInARow + 1;
  let state: EndpointState = { ...before, ...(health?.health ?? {}), failedInARow };
  const notifications: NotificationDraft[] = [];
  let audit: EndpointChange["audit"] = null;
  const raise = (alertState: AlertState, type: EndpointNotificationKind, extra: NotificationData = {}) => {
    state = { ...state, alertState };
    notifications.push(draft(type, endpoint, state, extra));
  };

  if (health?.disable) {
    const reason = health.disable;
    state = { ...state, status: "disabled", disabledReason: reason };
    raise("disabled", "endpoint.disabled", { actor: "system", reason });
    audit = { actor: "system", action: "endpoint.disabled", detail: { reason } };
  } else if (real && before.status === "enabled") {
    const untold = before.alertState === "ok" || before.alertState === "disabled";
    if (attempt.ok) {
      // Still under 50 % recently: one success is not a recovery (see the header).
      const stillFailing = before.alertState === "failing" && rateIsLow(attempt.recentRate);
      if (before.alertState !== "ok" && !stillFailing) raise("ok", "endpoint.recovered", { since: iso(before.failingSince) });
    } else if (state.pausedUntil !== null && before.alertState !== "paused") {
      raise("paused", "endpoint.paused", { pausedUntil: iso(state.pausedUntil), since: iso(state.failingSince) });
    } else if (failedInARow >= FAILING_AFTER && untold) {
      raise("failing", "endpoint.failing", { count: failedInARow, since: iso(state.failingSince) });
    } else if (untold && rateIsLow(attempt.recentRate)) {
      const rate = attempt.recentRate;
      raise("failing", "endpoint.failing", { successRate: rate.succeeded / rate.attempts, count: rate.attempts - rate.succeeded, since: iso(state.failingSince) });
    }
  }
  if (real && attempt.exhausted) {
    notifications.push(
      draft("delivery.exhausted", endpoint, { ...state, lastError: attempt.errorMessage ?? state.lastError }, { since: hourStart(attempt.at).toISOString() }, exhaustedDedupeKey(endpoint.id, attempt.at)),
    );
  }
  const changed = health !== null || failedInARow !== before.failedInARow || state.alertState !== before.alertState || state.status !== before.status;
  if (!changed && notifications.length === 0) return null;
  return { state: changed ? state : null, notifications, audit };
}

/** Health as it is after an enable or a disable: the breaker closed and the last error cleared. */
const CLOSED = { consecutiveFailures: 0, pausedUntil: null, breakerTrips: 0, lastError: null };

/**
 * A person enabling or disabling the endpoint. Either closes the breaker (re-enabling says it is fixed; a
 * disabled endpoint's pending deliveries must be claimed so the worker closes them as not sent). Disabling
 * raises endpoint.disabled with who did it; enabling resets the auto-disable clock and failedInARow and
 * keeps alertState "disabled" until the first success (whose endpoint.recovered then carries `since` only
 * if failures followed the enable: the clock it would come from was reset). Null when nothing changes.
 */
export function changeOnStatus(endpoint: EndpointFacts, before: EndpointState, status: "enabled" | "disabled", actor: string): EndpointChange | null {
  if (status === "enabled") {
    // Also on an endpoint already enabled: "enabled" again is how a person resumes a paused one now (the
    // edit form sends its status with every save). Silent: alertState stays, the next success tells.
    const state: EndpointState = { ...before, ...CLOSED, status, disabledReason: null, failingSince: null, failedInARow: 0 };
    const same = (Object.keys(state) as Array<keyof EndpointState>).every((k) => state[k] === before[k]);
    return same ? null : { state, notifications: [], audit: null };
  }
  if (before.status === status) return null;
  const reason = "Disabled by you";
  const state: EndpointState = { ...before, ...CLOSED, status, disabledReason: reason, alertState: "disabled" };
  return { state, notifications: [draft("endpoint.disabled", endpoint, state, { actor, reason })], audit: null };
}

/**
 * A signature probe's verdict (null: no answer, the last verdict stands). endpoint.signature_unverified
 * only when the receiver goes from not accepting (or never checked) to accepting a forged request.
 */
export function changeOnSignatureVerdict(endpoint: EndpointFacts, before: EndpointState, acceptedBefore: boolean | null, accepts: boolean): NotificationDraft[] {
  return accepts && acceptedBefore !== true ? [draft("endpoint.signature_unverified", endpoint, before)] : [];
}

// ---- the statements ----------------------------------------------------------------------------

export type Statement = { sql: string; params: unknown[] };

/** Placeholders and values per dialect: SQLite binds `?` with dates as Prisma's text and booleans as 0/1; PostgreSQL `$n` with casts. */
function binder(dialect: Dialect) {
  const params: unknown[] = [];
  const bind = (value: unknown, cast: string) => {
    params.push(value);
    return dialect === "postgres" ? `$${params.length}::${cast}` : "?";
  };
  return {
    params,
    text: (value: string | null) => bind(value, "text"),
    int: (value: number) => bind(value, "int"),
    json: (value: unknown) => bind(JSON.stringify(value), "jsonb"),
    date: (value: Date | null) => bind(value && (dialect === "postgres" ? value.toISOString() : toSqlDate(value)), "timestamptz"),
    bool: (value: boolean | null) => bind(value === null ? null : dialect === "postgres" ? value : value ? 1 : 0, "boolean"),
  };
}

/** Writes the endpoint's new state (all the columns this module owns) and its updatedAt when the status moved. */
function updateStatement(dialect: Dialect, endpoint: EndpointFacts, before: EndpointState | null, state: EndpointState, at: Date): Statement {
  const b = binder(dialect);
  const statusMoved = before === null || before.status !== state.status;
  const sql =
    `UPDATE "Endpoint" SET "status" = ${b.text(state.status)}, "disabledReason" = ${b.text(state.disabledReason)}, "failingSince" = ${b.date(state.failingSince)}, ` +
    `"consecutiveFailures" = ${b.int(state.consecutiveFailures)}, "pausedUntil" = ${b.date(state.pausedUntil)}, "breakerTrips" = ${b.int(state.breakerTrips)}, ` +
    `"lastError" = ${b.text(state.lastError)}, "failedInARow" = ${b.int(state.failedInARow)}, "alertState" = ${b.text(state.alertState)}` +
    (statusMoved ? `, "updatedAt" = ${b.date(at)}` : "") +
    ` WHERE "id" = ${b.text(endpoint.id)} AND "merchantId" = ${b.text(endpoint.merchantId)}`;
  return { sql, params: b.params };
}

/** One Notification row; an aggregated kind (dedupeKey) adds its count to the hour's row instead (dispatchedAt left alone: the dispatcher re-reads the count). */
function notificationStatement(dialect: Dialect, endpoint: EndpointFacts, n: NotificationDraft, at: Date): Statement {
  const b = binder(dialect);
  const values = [b.text(newId("ntf_")), b.text(endpoint.merchantId), b.text(endpoint.id), b.text(n.type), b.json(n.data), b.text(n.dedupeKey), b.int(n.count), b.date(at), b.date(at)];
  const sql =
    `INSERT INTO "Notification" ("id","merchantId","endpointId","type","data","dedupeKey","count","createdAt","updatedAt") VALUES (${values.join(",")})` +
    (n.dedupeKey === null
      ? ""
      : ` ON CONFLICT ("merchantId","dedupeKey") DO UPDATE SET "count" = "Notification"."count" + excluded."count", "data" = excluded."data", "updatedAt" = excluded."updatedAt"`);
  return { sql, params: b.params };
}

function auditStatement(dialect: Dialect, endpoint: EndpointFacts, audit: NonNullable<EndpointChange["audit"]>, at: Date): Statement {
  const b = binder(dialect);
  const values = [b.text(newId("aud_")), b.text(endpoint.merchantId), b.text(endpoint.id), b.text(audit.actor), b.text(audit.action), b.json(audit.detail), b.date(at)];
  return { sql: `INSERT INTO "AuditEntry" ("id","merchantId","endpointId","actor","action","detail","createdAt") VALUES (${values.join(",")})`, params: b.params };
}

/** Folds aggregated drafts with the same dedupeKey (a batch's exhausted deliveries of one endpoint and hour) into one. */
export function foldNotifications(drafts: NotificationDraft[]): NotificationDraft[] {
  const out: NotificationDraft[] = [];
  const byKey = new Map<string, NotificationDraft>();
  for (const n of drafts) {
    const same = n.dedupeKey === null ? undefined : byKey.get(n.dedupeKey);
    if (same) {
      same.count += n.count;
      same.data = n.data;
      continue;
    }
    const copy = { ...n };
    if (n.dedupeKey !== null) byKey.set(n.dedupeKey, copy);
    out.push(copy);
  }
  return out;
}

/** The statements that write `change` (the caller runs them in order, in its transaction). */
export function changeStatements(dialect: Dialect, endpoint: EndpointFacts, before: EndpointState | null, change: EndpointChange, at: Date): Statement[] {
  const statements: Statement[] = [];
  if (change.state) statements.push(updateStatement(dialect, endpoint, before, change.state, at));
  for (const n of foldNotifications(change.notifications)) statements.push(notificationStatement(dialect, endpoint, n, at));
  if (change.audit) statements.push(auditStatement(dialect, endpoint, change.audit, at));
  return statements;
}

/** Writes the signature verdict and, on a change to accepting, its notification. */
export function signatureStatements(dialect: Dialect, endpoint: EndpointFacts, accepts: boolean, checkedAt: Date, notifications: NotificationDraft[]): Statement[] {
  const b = binder(dialect);
  const update = {
    sql: `UPDATE "Endpoint" SET "signatureCheckAccepts" = ${b.bool(accepts)}, "signatureCheckedAt" = ${b.date(checkedAt)} WHERE "id" = ${b.text(endpoint.id)} AND "merchantId" = ${b.text(endpoint.merchantId)}`,
    params: b.params,
  };
  return [update, ...notifications.map((n) => notificationStatement(dialect, endpoint, n, checkedAt))];
}

/** The columns a change reads, with the facts its notifications carry (a locking read on PostgreSQL: `FOR NO KEY UPDATE` appended by the caller). */
export const ENDPOINT_CHANGE_COLUMNS = `"id", "merchantId", "url", "description", "status", "disabledReason", "failingSince", "consecutiveFailures", "pausedUntil", "breakerTrips", "lastError", "failedInARow", "alertState", "signatureCheckAccepts"`;
