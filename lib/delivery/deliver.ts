// One attempt at one delivery: sign, send, then record the attempt and close the delivery or schedule
// its retry. The worker and Send Test Event both come through here. Results that finish close together
// are written in one transaction (lib/delivery/group-commit.ts), which keeps SQLite off the critical path.
import { boundedMemo } from "@/lib/crypto/memo";
import { decrypt } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { observeAttempt } from "@/lib/ops/metrics";
import { activePreviousSecrets, parsePreviousSecrets } from "@/lib/crypto/previous-secrets";
import { openHeaders } from "@/lib/crypto/sealed-headers";
import { planAfterAttempt, type Plan } from "./plan";
import { sendWebhook, type SendResult } from "./send";
import type { Job } from "./job";
import { deliveryStore } from "./store";

export type AttemptOutcome = {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  errorKind: SendResult["errorKind"];
  plan: Plan | null;
  /** When the endpoint's breaker cool-down ends, if this attempt left it paused (the worker wakes then for the probe). */
  pausedUntil: Date | null;
};

// Decrypted once per ciphertext, so a busy endpoint does not pay AES-GCM on every attempt.
const decryptCached = boundedMemo(decrypt);

// The current secret, then every replaced one still within its own overlap (newest first).
function signingSecrets(job: Job, now: Date): string[] {
  const previous = activePreviousSecrets(parsePreviousSecrets(job.previousSecrets), now);
  return [decryptCached(job.secretCiphertext), ...previous.map((s) => decryptCached(s.ciphertext))];
}

type Options = {
  maxAttempts?: number;
  ignoreEndpointStatus?: boolean;
  /** Called once the endpoint has answered (or failed), before the attempt is recorded. */
  onSent?: (result: SendResult) => void;
};

export async function deliver(job: Job, { maxAttempts, ignoreEndpointStatus = false, onSent }: Options): Promise<AttemptOutcome> {
  const store = await deliveryStore();
  if (job.endpointStatus !== "enabled" && !ignoreEndpointStatus) {
    await store.skip(job, "Not sent: the endpoint is disabled");
    return { delivered: false, statusCode: null, durationMs: 0, responseBody: null, error: "The endpoint is disabled", errorKind: null, plan: null, pausedUntil: null };
  }
  const settings = env();
  const result = await sendWebhook({
    endpointId: job.endpointId,
    url: job.url,
    eventId: job.eventId,
    body: job.payload,
    secrets: signingSecrets(job, new Date()),
    headers: openHeaders(job.headersCiphertext),
  });
  onSent?.(result);
  const at = new Date();
  const plan = planAfterAttempt(result, {
    attemptCount: job.attemptCount,
    // A test delivery (sent again by Resend too) is sent once and never retried, like a test send.
    maxAttempts: maxAttempts ?? (job.isTest ? job.attemptCount + 1 : settings.WEBHOOK_RETRY_SCHEDULE.length + 1),
    schedule: settings.WEBHOOK_RETRY_SCHEDULE,
    now: at,
  });
  const breaker = { threshold: settings.WEBHOOK_BREAKER_THRESHOLD, cooldownMs: settings.WEBHOOK_BREAKER_COOLDOWN, maxCooldownMs: settings.WEBHOOK_BREAKER_MAX_COOLDOWN };
  const { pausedUntil } = await store.record({ job, result, plan, at, settings: { breaker, autoDisableAfterMs: settings.WEBHOOK_AUTO_DISABLE_AFTER } });
  observeAttempt(job, result, plan);
  return {
    delivered: result.ok,
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    responseBody: result.responseBody,
    error: result.errorMessage,
    errorKind: result.errorKind,
    plan,
    pausedUntil,
  };
}
