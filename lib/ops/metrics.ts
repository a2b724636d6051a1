// The Prometheus figures (prom-client). Counters and the histogram count what this process did, so
// across instances they add up (sum()); the gauges are read from the shared database at scrape time,
// so every process reports the same values (max()). The registry lives on globalThis: Next's dev
// reloads re-evaluate this module, and registering a metric name twice throws.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Job } from "@/lib/delivery/job";
import type { Plan } from "@/lib/delivery/plan";
import type { SendResult } from "@/lib/delivery/send";
import { db } from "@/lib/db/client";
import { readQueueFigures } from "./read-queue-figures";

/** Publish → delivered, seconds: a healthy in-process worker lands in the first buckets, retries never count. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: "dashx_" }); // CPU, memory, event-loop lag of this process
  return {
    registry,
    attempts: new Counter({
      name: "dashx_attempts_total",
      help: "Delivery attempts recorded by this process (test events excluded), by outcome (succeeded, retrying, failed) and status class (2xx..5xx, or the error kind when there was no HTTP answer)",
      labelNames: ["outcome", "status_class"] as const,
      registers,
    }),
    latency: new Histogram({
      name: "dashx_publish_to_delivery_seconds",
      help: "Seconds from an event's publish to its successful first attempt being recorded, per delivery, in this process",
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    queueDepth: new Gauge({ name: "dashx_queue_depth", help: "Pending deliveries: due now (including those in flight) or delayed until a later retry (database-wide)", labelNames: ["state"] as const, registers }),
    oldestDueAge: new Gauge({ name: "dashx_queue_oldest_due_age_seconds", help: "Seconds since the longest-waiting due delivery became due, 0 when none is due (database-wide)", registers }),
    endpointsPaused: new Gauge({ name: "dashx_endpoints_paused", help: "Endpoints whose circuit breaker is open now (database-wide)", registers }),
    endpointsDisabled: new Gauge({ name: "dashx_endpoints_disabled", help: "Disabled endpoints, by the merchant or automatically (database-wide)", registers }),
    workersLive: new Gauge({ name: "dashx_workers_live", help: "Delivery workers whose heartbeat is fresh (database-wide)", registers }),
    inFlight: new Gauge({ name: "dashx_attempts_in_flight", help: "Attempts in flight summed over the live workers, as of their last heartbeat (database-wide)", registers }),
    notificationsDispatched: new Counter({
      name: "dashx_notifications_dispatched_total",
      help: "Notifications this process dispatched, by the channel they went to (email, webhook: the operational webhook, inbox: neither, switched off)",
      labelNames: ["channel"] as const,
      registers,
    }),
    emailsSent: new Counter({ name: "dashx_notification_emails_sent_total", help: "Notification emails this process handed to the SMTP server", registers }),
    emailFailures: new Counter({ name: "dashx_notification_email_failures_total", help: "Notification email tries this process made that failed (each is retried with backoff)", registers }),
    emailOutboxPending: new Gauge({ name: "dashx_notification_email_outbox_pending", help: "Notification emails waiting to be sent, retried ones included (database-wide)", registers }),
    figuresSeconds: new Gauge({ name: "dashx_metrics_database_seconds", help: "Seconds this scrape spent reading the database figures", registers }),
  };
}

const globalForMetrics = globalThis as unknown as { dashxMetrics?: ReturnType<typeof createMetrics> };
const metrics = () => (globalForMetrics.dashxMetrics ??= createMetrics());

/** "2xx".."5xx" from the HTTP status, or the error kind (timeout, connection_refused, ...) when none came back. */
export function statusClass(result: Pick<SendResult, "statusCode" | "errorKind">): string {
  if (result.statusCode !== null) return `${Math.floor(result.statusCode / 100)}xx`;
  return result.errorKind ?? "unknown";
}

const OUTCOME: Record<Plan["status"], string> = { succeeded: "succeeded", pending: "retrying", failed: "failed" };

/** Counts one recorded attempt; call right after it was recorded. Test events are not counted. */
export function observeAttempt(
  job: Pick<Job, "isTest" | "attemptCount" | "eventCreatedAt">,
  result: Pick<SendResult, "statusCode" | "errorKind">,
  plan: Pick<Plan, "status">,
  recordedAt = new Date(),
): void {
  if (job.isTest) return;
  const m = metrics();
  m.attempts.inc({ outcome: OUTCOME[plan.status], status_class: statusClass(result) });
  if (plan.status === "succeeded" && job.attemptCount === 0) {
    m.latency.observe(Math.max(0, (recordedAt.getTime() - job.eventCreatedAt.getTime()) / 1000));
  }
}

/** Counts one dispatched notification (lib/notifications/dispatch.ts). */
export function observeNotificationDispatched(channel: "email" | "webhook" | "inbox"): void {
  metrics().notificationsDispatched.inc({ channel });
}

export function observeEmailSent(): void {
  metrics().emailsSent.inc();
}

export function observeEmailFailure(): void {
  metrics().emailFailures.inc();
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** The Prometheus text exposition: the database gauges read now, then everything this process counted. */
export async function renderMetrics(now = new Date()): Promise<string> {
  const m = metrics();
  const started = performance.now();
  const [figures, emailsPending] = await Promise.all([readQueueFigures(now), db.notificationEmail.count({ where: { status: "pending" } })]);
  m.figuresSeconds.set((performance.now() - started) / 1000);
  m.queueDepth.set({ state: "due" }, figures.due);
  m.queueDepth.set({ state: "delayed" }, figures.delayed);
  m.oldestDueAge.set(figures.oldestDueAgeSeconds);
  m.endpointsPaused.set(figures.endpointsPaused);
  m.endpointsDisabled.set(figures.endpointsDisabled);
  m.workersLive.set(figures.workersLive);
  m.inFlight.set(figures.attemptsInFlight);
  m.emailOutboxPending.set(emailsPending);
  return m.registry.metrics();
}
