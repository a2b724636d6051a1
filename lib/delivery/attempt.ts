// One attempt at one delivery: sign, send, record the attempt, then close the delivery or schedule
// its retry. Both the worker and Send Test Event come through here.
import { decrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { retryAfterMs, retryDelay } from "./retry-schedule";
import { sendWebhook, type SendResult } from "./send";

export type AttemptOutcome = {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  errorKind: SendResult["errorKind"];
};

type Options = { leaseOwner: string; maxAttempts?: number; ignoreEndpointStatus?: boolean; now?: () => Date };

function signingSecrets(endpoint: { secretCiphertext: string; previousSecretCiphertext: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const secrets = [decrypt(endpoint.secretCiphertext)];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(decrypt(endpoint.previousSecretCiphertext));
  }
  return secrets;
}

/** Runs one attempt for a delivery this caller holds the lease on. Returns undefined if there is nothing to send. */
export async function attemptDelivery(deliveryId: string, { leaseOwner, maxAttempts, ignoreEndpointStatus, now = () => new Date() }: Options): Promise<AttemptOutcome | undefined> {
  const delivery = await db.delivery.findFirst({
    where: { id: deliveryId, leaseOwner, status: "pending" },
    include: { event: true, endpoint: true },
  });
  if (!delivery) return undefined;
  const { endpoint, event } = delivery;
  const closed = { leaseOwner: null, leaseUntil: null, nextAttemptAt: null, completedAt: now() };

  if (endpoint.status !== "enabled" && !ignoreEndpointStatus) {
    await db.delivery.updateMany({
      where: { id: delivery.id, leaseOwner },
      data: { ...closed, status: "failed", lastError: "Not sent: the endpoint is disabled" },
    });
    return { delivered: false, statusCode: null, durationMs: 0, responseBody: null, error: "The endpoint is disabled", errorKind: null };
  }

  const result = await sendWebhook({ url: endpoint.url, eventId: event.id, body: event.payload, secrets: signingSecrets(endpoint, now()) });
  const attemptNumber = delivery.attemptCount + 1;
  const settings = env();
  const lastAttempt = attemptNumber >= (maxAttempts ?? settings.WEBHOOK_RETRY_SCHEDULE.length + 1);
  const gone = result.statusCode === 410;
  const backoff =
    result.statusCode === 429 || result.statusCode === 503 ? retryAfterMs(result.responseHeaders?.["retry-after"]) : undefined;
  const delay = result.ok || gone || lastAttempt ? undefined : (backoff ?? retryDelay(settings.WEBHOOK_RETRY_SCHEDULE, attemptNumber - 1));
  const at = now();
  const status = result.ok ? "succeeded" : delay === undefined ? "failed" : "pending";

  await db.$transaction(async (tx) => {
    await tx.attempt.create({
      data: {
        deliveryId: delivery.id,
        attemptNumber,
        requestHeaders: JSON.stringify(result.requestHeaders),
        responseStatus: result.statusCode,
        responseHeaders: result.responseHeaders && JSON.stringify(result.responseHeaders),
        responseBody: result.responseBody,
        durationMs: result.durationMs,
        errorKind: result.errorKind,
        errorMessage: result.errorMessage,
        createdAt: at,
      },
    });
    await tx.delivery.updateMany({
      where: { id: delivery.id, leaseOwner },
      data: {
        status,
        attemptCount: attemptNumber,
        lastStatusCode: result.statusCode,
        lastError: result.errorMessage,
        lastDurationMs: result.durationMs,
        ...(status === "pending" ? { nextAttemptAt: new Date(at.getTime() + delay!), leaseOwner: null, leaseUntil: null } : closed),
      },
    });
    if (event.isTest) return; // test sends say nothing about the endpoint's health
    if (result.ok) {
      await tx.endpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } });
    } else if (gone) {
      await tx.endpoint.updateMany({
        where: { id: endpoint.id, status: "enabled" },
        data: { status: "disabled", disabledReason: "The endpoint answered 410 Gone, which asks us to stop sending", failingSince: null },
      });
    } else {
      const since = endpoint.failingSince ?? at;
      const failingFor = at.getTime() - since.getTime();
      const autoDisable = failingFor >= settings.WEBHOOK_AUTO_DISABLE_AFTER;
      await tx.endpoint.updateMany({
        where: { id: endpoint.id },
        data: autoDisable
          ? { status: "disabled", disabledReason: `Disabled automatically: every delivery failed for ${Math.round(failingFor / 3_600_000)} hours (last error: ${result.errorMessage})`, failingSince: null }
          : { failingSince: since },
      });
    }
  });

  return { delivered: result.ok, statusCode: result.statusCode, durationMs: result.durationMs, responseBody: result.responseBody, error: result.errorMessage, errorKind: result.errorKind };
}
