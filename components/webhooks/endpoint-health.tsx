// An endpoint's delivery health as a merchant reads it, on the endpoint list and the endpoint page: paused by
// the circuit breaker (no answer), or failing on repeated HTTP errors (endpointState decides which).
import { Badge } from "@/components/ui/badge";
import { formatTime } from "@/lib/format-time";
import { endpointState } from "@/lib/webhooks/endpoint-state";
import type { Endpoint } from "./types";

/** "Failing: paused until 7 Dec 2026, 14:05 UTC, last error: …", "Failing: every recent attempt failed, last error: …", or null. */
export function describeHealth(endpoint: Pick<Endpoint, "status" | "health">, failures: number): string | null {
  const { health } = endpoint;
  const lastError = health.lastError ? `, last error: ${health.lastError}` : "";
  switch (endpointState(endpoint, failures)) {
    case "paused":
      return `Failing: paused${health.pausedUntil ? ` until ${formatTime(health.pausedUntil)}` : ""}${lastError}`;
    case "failing":
      return `Failing: every recent attempt failed${lastError}`;
    default:
      return null;
  }
}

/** Under the status badge in the endpoint list. */
type Props = { endpoint: Endpoint; failures: number };

export function HealthSummary({ endpoint, failures }: Props) {
  const text = describeHealth(endpoint, failures);
  if (!text) return null;
  return (
    <div className="mt-1">
      <Badge tone="danger" title={text}>
        Failing
      </Badge>
      <p className="mt-1 w-56 max-w-full text-xs break-words text-muted">{text}</p>
    </div>
  );
}

/** The endpoint page's notice while deliveries fail or are held back; `since`: when the run of failures began. */
export function HealthNotice({ endpoint, failures, since }: Props & { since?: string | null }) {
  const text = describeHealth(endpoint, failures);
  if (!text) return null;
  const paused = endpoint.health.state === "paused";
  return (
    <div role="note" aria-label="Endpoint failing" className="mb-6 rounded-xl border border-danger/40 bg-danger-soft px-4 py-3 text-sm">
      <p className="font-semibold text-danger">{text}</p>
      {since && <p className="mt-0.5 text-[13px] text-fg">Failing since {formatTime(since)}.</p>}
      {paused ? (
        <p className="mt-0.5 text-[13px] text-fg">
          {endpoint.health.consecutiveFailures} attempts in a row got no answer, so deliveries to this endpoint are paused: none is lost or
          counted as an attempt while it waits. When the pause ends one delivery is tried; if it succeeds the rest follow at once. A
          successful <strong>Send Test Event</strong> resumes delivery now.
        </p>
      ) : (
        <p className="mt-0.5 text-[13px] text-fg">
          Your server answers, but with errors: each delivery is retried on its schedule. Fix the handler, then use{" "}
          <strong>Send Test Event</strong> to check it.
        </p>
      )}
    </div>
  );
}
