// The endpoint's audit trail, rendered on the server. Only whitelisted detail fields are shown, so
// nothing secret can reach the page even if a future audit entry carried more.
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import { formatTime } from "@/lib/format-time";
import type { PublicAuditEntry } from "@/lib/audit/public-audit-entry";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function describe(entry: PublicAuditEntry): { title: string; detail?: string } {
  const d = entry.detail;
  switch (entry.action) {
    case "endpoint.created":
      return { title: "Endpoint created", detail: str(d.url) };
    case "endpoint.updated": {
      const changes: string[] = [];
      if (str(d.url)) changes.push(`URL → ${str(d.url)}`);
      if (typeof d.description === "string") changes.push(d.description ? `description → “${d.description}”` : "description cleared");
      if (Array.isArray(d.eventTypes)) changes.push(`events → ${d.eventTypes.length ? d.eventTypes.map(String).join(", ") : "all events"}`);
      if (Array.isArray(d.headers)) changes.push(`custom headers → ${d.headers.length ? d.headers.map(String).join(", ") : "none"}`);
      return { title: "Settings changed", detail: changes.join("; ") || undefined };
    }
    case "endpoint.enabled":
      return { title: "Enabled" };
    case "endpoint.disabled":
      return { title: "Disabled", detail: str(d.reason) };
    case "endpoint.tested": {
      const outcome = d.delivered === true ? "delivered" : "failed";
      const code = typeof d.statusCode === "number" ? ` (HTTP ${d.statusCode})` : "";
      return { title: "Test event sent", detail: `${str(d.type) ?? "event"}: ${outcome}${code}` };
    }
    case "endpoint.secret_rotated": {
      const until = str(d.previousSecretExpiresAt);
      return { title: "Signing secret rotated", detail: until ? `The previous secret signs until ${formatTime(until)}` : undefined };
    }
    case "deliveries.recovered":
      return { title: "Failed deliveries recovered", detail: `${Number(d.count)} sent again (failed since ${formatTime(new Date(str(d.since) ?? 0))})` };
    case "deliveries.retried_now":
      return { title: "Retries sent now", detail: `${Number(d.count)} waiting deliveries sent without waiting for their retry` };
    case "endpoint.signature_probed": {
      const verdict = d.acceptsInvalidSignature === true ? "accepted a forged signature" : d.statusCode === null ? "could not be reached" : "rejected a forged signature";
      return { title: "Signature verification checked", detail: `The endpoint ${verdict}${typeof d.statusCode === "number" ? ` (HTTP ${d.statusCode})` : ""}` };
    }
    case "delivery.resent":
      return { title: "Delivery resent", detail: str(d.eventId) && `Event ${str(d.eventId)}` };
    default:
      return { title: entry.action };
  }
}

function actorName(actor: string): string {
  if (actor === "system") return "DashX (automatic)";
  if (actor.startsWith("merchant:")) return actor.slice("merchant:".length);
  if (actor.startsWith("api_key:")) return `API key ${actor.slice("api_key:".length)}…`;
  return actor;
}

export function AuditLog({ entries, now }: { entries: PublicAuditEntry[]; now: Date }) {
  return (
    <section aria-labelledby="audit-log" className="space-y-3">
      <h2 id="audit-log" className="text-base font-semibold">
        Audit log
      </h2>
      {entries.length === 0 ? (
        <EmptyState id="audit-empty" title="No changes recorded">
          <p>Who creates, edits, tests, rotates, enables or disables this endpoint, and when, is recorded here.</p>
        </EmptyState>
      ) : (
        <ol aria-label="Audit log entries" className="divide-y divide-border rounded-xl border border-border bg-surface shadow-xs">
          {entries.map((entry) => {
            const { title, detail } = describe(entry);
            return (
              <li key={entry.id} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-start sm:gap-4">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{title}</p>
                  {detail && <p className="mt-0.5 text-[13px] break-words text-muted">{detail}</p>}
                </div>
                <p className="flex shrink-0 flex-wrap gap-x-2 text-[13px] text-muted sm:flex-col sm:items-end sm:text-right">
                  <span className="break-all">{actorName(entry.actor)}</span>
                  <RelativeTime iso={entry.createdAt} now={now} />
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
