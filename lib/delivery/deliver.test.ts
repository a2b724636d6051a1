// deliver(): one attempt's policy above the two seams it drives, the HTTP send (send.ts, tested on its
// own) and the store (store-conformance.ts). Both are replaced by recorders here, so what deliver decides
// (skip a disabled endpoint, which secrets sign, the retry plan, the breaker settings, the order of
// "endpoint answered" and "recorded") is checked without a network or a database.
import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Job } from "./job";
import type { SendRequest, SendResult } from "./send";
import type { AttemptRecord } from "./store";
import { testJob } from "./test-job";

const calls = vi.hoisted(() => ({
  log: [] as string[],
  sent: [] as SendRequest[],
  recorded: [] as AttemptRecord[],
  skipped: [] as Array<{ deliveryId: string; reason: string }>,
  answer: undefined as SendResult | undefined,
  pausedUntil: null as Date | null,
}));

vi.mock("./send", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./send")>()),
  sendWebhook: async (request: SendRequest) => {
    calls.log.push("send");
    calls.sent.push(request);
    return calls.answer!;
  },
}));
vi.mock("./store", () => ({
  deliveryStore: async () => ({
    record: async (entry: AttemptRecord) => {
      calls.log.push("record");
      calls.recorded.push(entry);
      return { pausedUntil: calls.pausedUntil };
    },
    skip: async (job: Job, reason: string) => {
      calls.log.push("skip");
      calls.skipped.push({ deliveryId: job.deliveryId, reason });
    },
  }),
}));

let deliver: (typeof import("./deliver"))["deliver"];
let encrypt: (typeof import("@/lib/crypto/secret-box"))["encrypt"];
let sealHeaders: (typeof import("@/lib/crypto/sealed-headers"))["sealHeaders"];

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", `1:${randomBytes(32).toString("base64")}`);
  vi.stubEnv("WEBHOOK_RETRY_SCHEDULE", "5s,5m,30m");
  vi.stubEnv("WEBHOOK_BREAKER_THRESHOLD", "4");
  vi.stubEnv("WEBHOOK_BREAKER_COOLDOWN", "20s");
  vi.stubEnv("WEBHOOK_BREAKER_MAX_COOLDOWN", "10m");
  vi.stubEnv("WEBHOOK_AUTO_DISABLE_AFTER", "2d");
  ({ deliver } = await import("./deliver"));
  ({ encrypt } = await import("@/lib/crypto/secret-box"));
  ({ sealHeaders } = await import("@/lib/crypto/sealed-headers"));
});

beforeEach(() => {
  calls.log.length = 0;
  calls.sent.length = 0;
  calls.recorded.length = 0;
  calls.skipped.length = 0;
  calls.answer = answer(200);
  calls.pausedUntil = null;
});

function answer(status: number | null, extra: Partial<SendResult> = {}): SendResult {
  const ok = status !== null && status >= 200 && status < 300;
  return {
    ok,
    statusCode: status,
    durationMs: 12,
    requestHeaders: {},
    responseHeaders: status === null ? null : {},
    responseBody: status === null ? null : `answered ${status}`,
    errorKind: ok ? null : status === null ? "timeout" : "http_status",
    errorMessage: ok ? null : status === null ? "No response within 10 s" : `HTTP ${status}`,
    ...extra,
  };
}

// The secret is sealed with the stubbed key, so deliver can open it.
const job = (overrides: Partial<Job> = {}): Job => testJob({ secretCiphertext: encrypt("whsec_current"), leaseToken: 3, ...overrides });

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe("deliver", () => {
  it("sends the stored bytes to the endpoint's URL with its opened custom headers, then records success", async () => {
    const headers = { "X-Gateway-Key": "gk_live_1" };
    const j = job({ headersCiphertext: sealHeaders(headers) });
    const outcome = await deliver(j, {});
    expect(calls.sent).toEqual([{ endpointId: "ep_1", url: j.url, eventId: j.eventId, body: j.payload, secrets: ["whsec_current"], headers }]);
    expect(calls.recorded).toHaveLength(1);
    expect(calls.recorded[0]!.job).toBe(j);
    expect(calls.recorded[0]!.plan).toEqual({ status: "succeeded", attemptNumber: 1, nextAttemptAt: null, disableReason: null });
    expect(outcome).toMatchObject({ delivered: true, statusCode: 200, durationMs: 12, error: null, errorKind: null });
  });

  it("signs with the current secret, then every replaced secret still in its overlap, newest first; expired ones are dropped", async () => {
    const previousSecrets = [
      { ciphertext: encrypt("whsec_older"), expiresAt: inHours(2) },
      { ciphertext: encrypt("whsec_expired"), expiresAt: inHours(-1) },
      { ciphertext: encrypt("whsec_newer"), expiresAt: inHours(20) },
    ];
    await deliver(job({ previousSecrets }), {});
    expect(calls.sent[0]!.secrets).toEqual(["whsec_current", "whsec_newer", "whsec_older"]);
  });

  it("a disabled endpoint is skipped with its reason: nothing is sent or recorded as an attempt", async () => {
    const j = job({ endpointStatus: "disabled" });
    const outcome = await deliver(j, {});
    expect(calls.log).toEqual(["skip"]);
    expect(calls.skipped).toEqual([{ deliveryId: j.deliveryId, reason: "Not sent: the endpoint is disabled" }]);
    expect(outcome).toMatchObject({ delivered: false, statusCode: null, error: "The endpoint is disabled", plan: null });
  });

  it("ignoreEndpointStatus (Send Test Event) sends to a disabled endpoint", async () => {
    await deliver(job({ endpointStatus: "disabled" }), { ignoreEndpointStatus: true });
    expect(calls.log).toEqual(["send", "record"]);
  });

  it("a failure is scheduled by WEBHOOK_RETRY_SCHEDULE and recorded with the breaker and auto-disable settings", async () => {
    calls.answer = answer(500);
    const before = Date.now();
    const outcome = await deliver(job({ attemptCount: 1 }), {});
    const entry = calls.recorded[0]!;
    expect(entry.plan.status).toBe("pending");
    expect(entry.plan.attemptNumber).toBe(2);
    // the second delay of the schedule (5m), with retry-schedule.ts's jitter of at most ±20%
    const delay = entry.plan.nextAttemptAt!.getTime() - before;
    expect(delay).toBeGreaterThan(0.75 * 300_000);
    expect(delay).toBeLessThan(1.25 * 300_000 + 1_000);
    expect(entry.settings).toEqual({ breaker: { threshold: 4, cooldownMs: 20_000, maxCooldownMs: 600_000 }, autoDisableAfterMs: 172_800_000 });
    expect(outcome).toMatchObject({ delivered: false, statusCode: 500, errorKind: "http_status", error: "HTTP 500", plan: entry.plan, pausedUntil: null });
  });

  it("passes on when the store says the endpoint's cool-down ends (the worker wakes then for the probe)", async () => {
    calls.answer = answer(null, { errorKind: "timeout", errorMessage: "no response within 10 s" });
    calls.pausedUntil = new Date(Date.now() + 20_000);
    expect((await deliver(job(), {})).pausedUntil).toEqual(calls.pausedUntil);
  });

  it("the last attempt of the schedule fails the delivery; maxAttempts overrides the schedule's length", async () => {
    calls.answer = answer(null);
    await deliver(job({ attemptCount: 3 }), {}); // schedule of 3 delays: 4 attempts in all
    expect(calls.recorded[0]!.plan).toMatchObject({ status: "failed", attemptNumber: 4, nextAttemptAt: null });
    await deliver(job({ attemptCount: 0 }), { maxAttempts: 1 });
    expect(calls.recorded[1]!.plan).toMatchObject({ status: "failed", attemptNumber: 1, nextAttemptAt: null });
  });

  it("tells the caller the endpoint answered before the attempt is recorded (the worker frees the endpoint's slot then)", async () => {
    const seen: Array<number | null> = [];
    await deliver(job(), { onSent: (result) => (calls.log.push("onSent"), seen.push(result.statusCode)) });
    expect(calls.log).toEqual(["send", "onSent", "record"]);
    expect(seen).toEqual([200]);
  });
});
