// The circuit breaker's state as a merchant reads it, on the endpoint list and the endpoint page.
import { Badge } from "@/components/ui/badge";
import type { Endpoint } from "./types";

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** "Failing: paused until 14:05 UTC, last error: No response within 10 s", or null when healthy. */
export function describeHealth(health: Endpoint["health"]): string | null {
  if (health.state !== "paused") return null;
  const until = health.pausedUntil ? ` until ${clock.format(new Date(health.pausedUntil))} UTC` : "";
  return `Failing: paused${until}${health.lastError ? `, last error: ${health.lastError}` : ""}`;
}

/** Under the status badge in the endpoint list. */
export function HealthSummary({ endpoint }: { endpoint: Endpoint }) {
  const text = endpoint.status === "enabled" ? describeHealth(endpoint.health) : null;
  if (!text) return null;
  return (
    <div className="mt-1">
      <Badge tone="danger" title={text}>
        Failing
      </Badge>
      <p className="mt-1 max-w-56 text-xs text-muted">{text}</p>
    </div>
  );
}

/** The endpoint page's notice while deliveries are held back. */
export function HealthNotice({ endpoint }: { endpoint: Endpoint }) {
  const text = endpoint.status === "enabled" ? describeHealth(endpoint.health) : null;
  if (!text) return null;
  return (
    <div role="note" aria-label="Endpoint failing" className="mb-6 rounded-xl border border-danger/40 bg-danger-soft px-4 py-3 text-sm">
      <p className="font-semibold text-danger">{text}</p>
      <p className="mt-0.5 text-[13px] text-fg">
        {endpoint.health.consecutiveFailures} attempts in a row got no answer, so deliveries to this endpoint are paused: none is lost or
        counted as an attempt while it waits. When the pause ends one delivery is tried; if it succeeds the rest follow at once. A successful{" "}
        <strong>Send Test Event</strong> resumes delivery now.
      </p>
    </div>
  );
}
