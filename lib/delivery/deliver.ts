// One attempt at one delivery: sign, send, then record the attempt and close the delivery or schedule
// its retry. The worker and Send Test Event both come through here. Results that finish close together
// are written in one transaction (group commit), which is what keeps SQLite off the critical path.
import { decrypt } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { openHeaders } from "@/lib/webhooks/custom-headers";
import { planAfterAttempt, type Plan } from "./plan";
import { sendWebhook, type SendResult } from "./send";
import { record, skip, type AttemptRecord, type Job } from "./store";

export type AttemptOutcome = {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  errorKind: SendResult["errorKind"];
  plan: Plan | null;
};

function signingSecrets(job: Job, now: Date): string[] {
  const secrets = [decrypt(job.secretCiphertext)];
  if (job.previousSecretCiphertext && job.previousSecretExpiresAt && job.previousSecretExpiresAt > now) {
    secrets.push(decrypt(job.previousSecretCiphertext));
  }
  return secrets;
}

type Pending = { entry: AttemptRecord; resolve: () => void; reject: (error: unknown) => void };
let queue: Pending[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  const batch = queue;
  queue = [];
  record(batch.map((p) => p.entry)).then(
    (errors) => batch.forEach((p, i) => (errors[i] ? p.reject(errors[i]) : p.resolve())),
    (error: unknown) => batch.forEach((p) => p.reject(error)),
  );
}

function recordSoon(entry: AttemptRecord): Promise<void> {
  return new Promise((resolve, reject) => {
    queue.push({ entry, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
}

type Options = { leaseOwner: string; maxAttempts?: number; ignoreEndpointStatus?: boolean };

export async function deliver(job: Job, { leaseOwner, maxAttempts, ignoreEndpointStatus = false }: Options): Promise<AttemptOutcome> {
  if (job.endpointStatus !== "enabled" && !ignoreEndpointStatus) {
    await skip(job, leaseOwner, "Not sent: the endpoint is disabled");
    return { delivered: false, statusCode: null, durationMs: 0, responseBody: null, error: "The endpoint is disabled", errorKind: null, plan: null };
  }
  const settings = env();
  const result = await sendWebhook({
    url: job.url,
    eventId: job.eventId,
    body: job.payload,
    secrets: signingSecrets(job, new Date()),
    headers: openHeaders(job.headersCiphertext),
  });
  const at = new Date();
  const plan = planAfterAttempt(result, {
    attemptCount: job.attemptCount,
    maxAttempts: maxAttempts ?? settings.WEBHOOK_RETRY_SCHEDULE.length + 1,
    schedule: settings.WEBHOOK_RETRY_SCHEDULE,
    now: at,
  });
  await recordSoon({ job, leaseOwner, result, plan, at, autoDisableAfterMs: settings.WEBHOOK_AUTO_DISABLE_AFTER });
  return {
    delivered: result.ok,
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    responseBody: result.responseBody,
    error: result.errorMessage,
    errorKind: result.errorKind,
    plan,
  };
}
