import { describe, expect, it } from "vitest";
import {
  changeAfterAttempt,
  changeOnSignatureVerdict,
  changeOnStatus,
  changeStatements,
  foldNotifications,
  needsRecentRate,
  type AttemptFacts,
  type EndpointState,
} from "./endpoint-change";

const T = new Date("2026-12-02T14:20:00Z");
const later = (ms: number) => new Date(T.getTime() + ms);
const settings = { breaker: { threshold: 3, cooldownMs: 30_000, maxCooldownMs: 600_000 }, autoDisableAfterMs: 5 * 86_400_000 };
const facts = { id: "ep_1", merchantId: "mer_1", url: "https://shop.example/hooks", description: "Orders" };
const ok: EndpointState = {
  status: "enabled", disabledReason: null, failingSince: null, consecutiveFailures: 0, pausedUntil: null, breakerTrips: 0, lastError: null, failedInARow: 0, alertState: "ok",
};
const http500 = (over: Partial<AttemptFacts> = {}): AttemptFacts => ({
  ok: false, errorKind: "http_status", errorMessage: "HTTP 500", isProbe: false, isTest: false, at: T, disableReason: null, exhausted: false, ...over,
});
const success = (over: Partial<AttemptFacts> = {}) => http500({ ok: true, errorKind: null, errorMessage: null, ...over });
const timeout = (over: Partial<AttemptFacts> = {}) => http500({ errorKind: "timeout", errorMessage: "no response within 10 s", ...over });

/** Runs attempts in order, as a recorder does; returns the final state and every notification type raised. */
function run(start: EndpointState, attempts: AttemptFacts[]) {
  let state = start;
  const raised: string[] = [];
  for (const a of attempts) {
    const change = changeAfterAttempt(facts, state, a, settings);
    if (!change) continue;
    state = change.state ?? state;
    raised.push(...change.notifications.map((n) => n.type));
  }
  return { state, raised };
}

describe("changeAfterAttempt", () => {
  it("a success on a healthy endpoint writes nothing", () => {
    expect(changeAfterAttempt(facts, ok, success(), settings)).toBeNull();
  });

  it("4 HTTP 500s in a row raise one endpoint.failing with the count, the run's start and the last error", () => {
    const three = run(ok, [http500(), http500({ at: later(1) }), http500({ at: later(2) })]);
    expect(three.raised).toEqual([]);
    expect(three.state).toMatchObject({ failedInARow: 3, alertState: "ok" });
    const change = changeAfterAttempt(facts, three.state, http500({ at: later(3) }), settings);
    expect(change?.state).toMatchObject({ failedInARow: 4, alertState: "failing" });
    expect(change?.notifications).toEqual([
      {
        type: "endpoint.failing", dedupeKey: null, count: 1,
        data: { endpointId: "ep_1", url: facts.url, description: "Orders", state: "failing", lastError: "HTTP 500", count: 4, since: T.toISOString() },
      },
    ]);
    expect(run(change!.state!, [http500({ at: later(4) }), http500({ at: later(5) })]).raised).toEqual([]); // the same state again: silent
  });

  it("a success resets failedInARow, and after failing raises endpoint.recovered with since = when the trouble began", () => {
    const failing = run(ok, [http500(), http500(), http500(), http500()]).state;
    const change = changeAfterAttempt(facts, failing, success({ at: later(60_000) }), settings);
    expect(change?.state).toMatchObject({ failedInARow: 0, alertState: "ok", failingSince: null, lastError: null });
    expect(change?.notifications.map((n) => [n.type, n.data.since, n.data.state])).toEqual([["endpoint.recovered", T.toISOString(), "ok"]]);
    const twoFailures = run(ok, [http500(), http500()]).state;
    expect(changeAfterAttempt(facts, twoFailures, success(), settings)?.notifications).toEqual([]); // never told: nothing to recover from
  });

  it("the breaker opening raises endpoint.paused with pausedUntil, also from failing; a failed probe re-opening it is silent", () => {
    const paused = run(ok, [timeout(), timeout(), timeout()]);
    expect(paused.raised).toEqual(["endpoint.paused"]);
    expect(paused.state).toMatchObject({ alertState: "paused", pausedUntil: later(30_000) });
    const probe = changeAfterAttempt(facts, paused.state, timeout({ isProbe: true, at: later(40_000) }), settings);
    expect(probe?.notifications).toEqual([]);
    const fromFailing = run(ok, [http500(), http500(), http500(), http500(), timeout(), timeout(), timeout()]);
    expect(fromFailing.raised).toEqual(["endpoint.failing", "endpoint.paused"]);
    const change = changeAfterAttempt(facts, run(ok, [timeout(), timeout()]).state, timeout({ at: later(5) }), settings);
    expect(change?.notifications[0].data).toMatchObject({ pausedUntil: later(30_005).toISOString(), lastError: "no response within 10 s" });
  });

  it("a flapping endpoint raises one row per change", () => {
    const flapping = run(ok, [timeout(), timeout(), timeout(), success(), timeout(), timeout(), timeout(), success()]);
    expect(flapping.raised).toEqual(["endpoint.paused", "endpoint.recovered", "endpoint.paused", "endpoint.recovered"]);
  });

  it("a 410 Gone disables at once: endpoint.disabled by the system with the reason, audited", () => {
    const change = changeAfterAttempt(facts, ok, http500({ disableReason: "The endpoint answered 410 Gone" }), settings);
    expect(change?.state).toMatchObject({ status: "disabled", disabledReason: "The endpoint answered 410 Gone", alertState: "disabled" });
    expect(change?.notifications.map((n) => [n.type, n.data.actor, n.data.reason])).toEqual([["endpoint.disabled", "system", "The endpoint answered 410 Gone"]]);
    expect(change?.audit).toEqual({ actor: "system", action: "endpoint.disabled", detail: { reason: "The endpoint answered 410 Gone" } });
  });

  it("5 days of failures disable it automatically (from failing), once", () => {
    const failing = { ...ok, failingSince: T, failedInARow: 40, alertState: "failing" as const, lastError: "HTTP 500" };
    const change = changeAfterAttempt(facts, failing, http500({ at: later(settings.autoDisableAfterMs) }), settings);
    expect(change?.notifications.map((n) => n.type)).toEqual(["endpoint.disabled"]);
    expect(change?.notifications[0].data.reason).toMatch(/^Disabled automatically: every delivery failed for 5 days/);
    expect(changeAfterAttempt(facts, change!.state!, http500({ at: later(settings.autoDisableAfterMs + 1) }), settings)?.notifications).toEqual([]); // in flight after the disable
  });

  it("an exhausted delivery raises delivery.exhausted keyed per endpoint and UTC hour, since the hour's start", () => {
    const change = changeAfterAttempt(facts, ok, http500({ exhausted: true }), settings);
    expect(change?.notifications).toEqual([
      expect.objectContaining({ type: "delivery.exhausted", dedupeKey: "delivery.exhausted:ep_1:2026-12-02T14", count: 1, data: expect.objectContaining({ since: "2026-12-02T14:00:00.000Z", lastError: "HTTP 500" }) }),
    ]);
    expect(changeAfterAttempt(facts, ok, http500({ exhausted: true, isTest: true }), settings)?.notifications ?? []).toEqual([]); // a test send gives up alone
  });

  it("test sends change no alert state: no failing, no recovered, failedInARow untouched", () => {
    expect(run(ok, [1, 2, 3, 4, 5].map(() => http500({ isTest: true }))).state).toMatchObject({ failedInARow: 0, alertState: "ok" });
    const paused = run(ok, [timeout(), timeout(), timeout()]).state;
    const test = changeAfterAttempt(facts, paused, success({ isTest: true }), settings);
    expect(test?.state).toMatchObject({ pausedUntil: null, alertState: "paused" }); // the breaker closes as before
    expect(test?.notifications).toEqual([]);
    expect(changeAfterAttempt(facts, test!.state!, success(), settings)?.notifications.map((n) => n.type)).toEqual(["endpoint.recovered"]);
  });
});

describe("the recent success rate half of endpoint.failing", () => {
  const low = { attempts: 12, succeeded: 5 };
  it("is asked for only when it can matter: a real failure short of 4 in a row with nothing told, or a success while failing", () => {
    expect(needsRecentRate(ok, http500())).toBe(true);
    expect(needsRecentRate({ ...ok, failedInARow: 3 }, http500())).toBe(false); // the 4th in a row decides alone
    expect(needsRecentRate(ok, success())).toBe(false); // a healthy endpoint's successes cost no query
    expect(needsRecentRate({ ...ok, alertState: "failing" }, success())).toBe(true);
    expect(needsRecentRate({ ...ok, alertState: "paused" }, http500())).toBe(false);
    expect(needsRecentRate(ok, http500({ isTest: true }))).toBe(false);
    expect(needsRecentRate({ ...ok, status: "disabled" }, http500())).toBe(false);
  });
  it("under 50 % over at least 10 deliveries raises endpoint.failing with the rate, though never 4 in a row failed", () => {
    const change = changeAfterAttempt(facts, { ...ok, failedInARow: 1 }, http500({ recentRate: low }), settings)!;
    expect(change.state).toMatchObject({ alertState: "failing", failedInARow: 2 });
    expect(change.notifications).toHaveLength(1);
    expect(change.notifications[0]).toMatchObject({ type: "endpoint.failing", data: { state: "failing", successRate: 5 / 12, count: 7 } });
  });
  it("needs both: 9 deliveries, or exactly 50 %, raise nothing", () => {
    expect(changeAfterAttempt(facts, ok, http500({ recentRate: { attempts: 9, succeeded: 0 } }), settings)!.notifications).toEqual([]);
    expect(changeAfterAttempt(facts, ok, http500({ recentRate: { attempts: 10, succeeded: 5 } }), settings)!.notifications).toEqual([]);
  });
  it("a failing endpoint still under 50 % does not recover on one success (no flapping); back at 50 % it does", () => {
    const failing: EndpointState = { ...ok, alertState: "failing", failedInARow: 1, lastError: "HTTP 500" };
    const still = changeAfterAttempt(facts, failing, success({ recentRate: low }), settings);
    expect(still?.notifications ?? []).toEqual([]);
    expect(still?.state?.alertState ?? "failing").toBe("failing");
    const back = changeAfterAttempt(facts, failing, success({ recentRate: { attempts: 12, succeeded: 6 } }), settings)!;
    expect(back.notifications.map((n) => n.type)).toEqual(["endpoint.recovered"]);
    expect(back.state).toMatchObject({ alertState: "ok", failedInARow: 0 });
  });
});

describe("changeOnStatus", () => {
  it("a person disabling raises endpoint.disabled with the actor and closes the breaker; the same status again changes nothing", () => {
    const paused = { ...ok, pausedUntil: T, consecutiveFailures: 3, breakerTrips: 1, lastError: "x", alertState: "paused" as const };
    const change = changeOnStatus(facts, paused, "disabled", "merchant:ann@shop.example");
    expect(change?.state).toMatchObject({ status: "disabled", disabledReason: "Disabled by you", pausedUntil: null, consecutiveFailures: 0, alertState: "disabled" });
    expect(change?.notifications.map((n) => [n.type, n.data.actor, n.data.state])).toEqual([["endpoint.disabled", "merchant:ann@shop.example", "disabled"]]);
    expect(changeOnStatus(facts, change!.state!, "disabled", "merchant:ann@shop.example")).toBeNull();
  });

  it("\"enabled\" on an enabled endpoint resumes it (breaker closed, health cleared) silently; on a healthy one it changes nothing", () => {
    const paused = run(ok, [timeout(), timeout(), timeout()]).state;
    const resumed = changeOnStatus(facts, paused, "enabled", "merchant:ann@shop.example");
    expect(resumed).toEqual({ state: { ...paused, ...ok, alertState: "paused" }, notifications: [], audit: null });
    expect(run(resumed!.state!, [success()]).raised).toEqual(["endpoint.recovered"]);
    expect(changeOnStatus(facts, ok, "enabled", "merchant:ann@shop.example")).toBeNull();
  });

  it("enabling is silent and keeps alertState disabled until the first success, which raises endpoint.recovered", () => {
    const disabled = { ...ok, status: "disabled", disabledReason: "Disabled by you", failingSince: T, failedInARow: 9, alertState: "disabled" as const };
    const enabled = changeOnStatus(facts, disabled, "enabled", "api_key:dx_live_ab");
    expect(enabled).toEqual({ state: { ...disabled, status: "enabled", disabledReason: null, failingSince: null, failedInARow: 0 }, notifications: [], audit: null });
    expect(run(enabled!.state!, [success(), success()]).raised).toEqual(["endpoint.recovered"]);
    expect(run(enabled!.state!, [http500(), http500(), http500(), http500()]).raised).toEqual(["endpoint.failing"]); // broken again: told again
  });
});

describe("changeOnSignatureVerdict", () => {
  it("raises only on a change to accepting forged requests", () => {
    const types = (before: boolean | null, accepts: boolean) => changeOnSignatureVerdict(facts, ok, before, accepts).map((n) => n.type);
    expect(types(null, true)).toEqual(["endpoint.signature_unverified"]);
    expect(types(false, true)).toEqual(["endpoint.signature_unverified"]);
    expect(types(true, true)).toEqual([]);
    expect(types(null, false)).toEqual([]);
  });
});

describe("changeStatements", () => {
  it("folds a batch's exhausted deliveries of one hour into one upsert adding their count", () => {
    const one = changeAfterAttempt(facts, ok, http500({ exhausted: true }), settings)!.notifications[0];
    expect(foldNotifications([one, { ...one }, { ...one }]).map((n) => n.count)).toEqual([3]);
    const [, upsert] = changeStatements("postgres", facts, ok, { state: ok, notifications: [one, { ...one }], audit: null }, T);
    expect(upsert.sql).toMatch(/ON CONFLICT \("merchantId","dedupeKey"\) DO UPDATE SET "count" = "Notification"."count" \+ excluded."count"/);
    expect(upsert.sql).not.toMatch(/dispatchedAt/);
    expect(upsert.params).toContain(2);
  });

  it("binds per dialect: SQLite ? with Prisma's date text, PostgreSQL $n with casts; every statement is scoped to the merchant", () => {
    const state = { ...ok, pausedUntil: T };
    const [sqlite] = changeStatements("sqlite", facts, ok, { state, notifications: [], audit: null }, T);
    expect(sqlite.sql).not.toMatch(/\$\d/);
    expect(sqlite.params).toContain("2026-12-02T14:20:00.000+00:00");
    expect(sqlite.sql).toMatch(/WHERE "id" = \? AND "merchantId" = \?$/);
    const [pg] = changeStatements("postgres", facts, ok, { state, notifications: [], audit: null }, T);
    expect(pg.sql).toMatch(/"pausedUntil" = \$5::timestamptz/);
    expect(pg.sql.match(/\$\d+/g)).toHaveLength(pg.params.length);
  });
});
