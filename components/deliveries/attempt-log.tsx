"use client";

// Every attempt of one delivery: the exact request DashX sent and what the endpoint answered. The API
// returns the newest 20; "Load older attempts" pages back through nextAttemptCursor.
import { useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { CodeBlock, formatJson } from "@/components/ui/code";
import { formatRelative } from "@/components/ui/relative-time";
import { formatTime } from "@/lib/format-time";
import { formatLatency } from "@/lib/duration";
import type { Attempt, DeliveryDetail } from "./types";

const ERROR_KINDS: Record<string, string> = {
  timeout: "Timeout",
  connection_refused: "Connection refused",
  dns: "DNS error",
  tls: "TLS error",
  http_status: "HTTP error",
  blocked: "Blocked",
  network: "Network error",
};

function headerLines(headers: Record<string, string> | null): string {
  if (!headers) return "";
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="min-w-0 space-y-2">
      <h4 className="text-xs font-medium tracking-wide text-muted uppercase">{title}</h4>
      {children}
    </section>
  );
}

type Props = { attempts: Attempt[]; url: string; now: Date; deliveryId?: string; nextCursor?: string | null };
type Older = { from: string | null | undefined; attempts: Attempt[]; cursor: string | null | undefined };

export function AttemptLog({ attempts, url, now, deliveryId, nextCursor }: Props) {
  const [loaded, setLoaded] = useState<Older>({ from: nextCursor, attempts: [], cursor: nextCursor });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A reload of the newest page (a new attempt landed) starts the older pages over.
  const older = loaded.from === nextCursor ? loaded : { from: nextCursor, attempts: [], cursor: nextCursor };

  async function loadOlder() {
    if (!deliveryId || !older.cursor) return;
    setLoading(true);
    const res = await apiRequest<DeliveryDetail>("GET", `/api/v1/deliveries/${deliveryId}?attemptsCursor=${encodeURIComponent(older.cursor)}`);
    setLoading(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setLoaded({ from: nextCursor, attempts: [...older.attempts, ...res.data.attemptLog], cursor: res.data.nextAttemptCursor });
  }

  return (
    <div className="space-y-4">
      <ol className="space-y-4">
        {[...attempts, ...older.attempts].map((a) => {
          const ok = a.response !== null && a.response.status !== null && a.response.status >= 200 && a.response.status < 300;
          return (
            <li key={a.id} aria-label={`Attempt ${a.attemptNumber}`} className="rounded-lg border border-border bg-surface p-3 sm:p-4">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-semibold">Attempt {a.attemptNumber}</span>
                <span aria-hidden className="text-muted">·</span>
                <span className={ok ? "text-success" : "text-danger"}>
                  {a.response?.status != null ? `HTTP ${a.response.status}` : (ERROR_KINDS[a.errorKind ?? ""] ?? "Failed")}
                </span>
                <span aria-hidden className="text-muted">·</span>
                <span className="text-muted">{formatLatency(a.durationMs)}</span>
                <span aria-hidden className="text-muted">·</span>
                <time dateTime={a.createdAt} title={formatTime(a.createdAt)} className="text-muted">
                  {formatRelative(new Date(a.createdAt), now)}
                </time>
              </p>
              <div className="mt-3 grid gap-4 lg:grid-cols-2">
                <Part title="Request">
                  <p className="font-mono text-xs break-all">
                    <span className="font-semibold">POST</span> {url}
                  </p>
                  <CodeBlock label={`Attempt ${a.attemptNumber} request headers`}>{headerLines(a.request.headers)}</CodeBlock>
                  <CodeBlock label={`Attempt ${a.attemptNumber} request body`}>{formatJson(a.request.body)}</CodeBlock>
                </Part>
                <Part title="Response">
                  {a.response ? (
                    <>
                      <p className="font-mono text-xs">
                        <span className="font-semibold">Status</span> {a.response.status ?? "none"}
                      </p>
                      <CodeBlock label={`Attempt ${a.attemptNumber} response headers`}>{headerLines(a.response.headers)}</CodeBlock>
                      {a.response.body ? (
                        <CodeBlock label={`Attempt ${a.attemptNumber} response body`}>{formatJson(a.response.body)}</CodeBlock>
                      ) : (
                        <p className="text-[13px] text-muted">Empty body.</p>
                      )}
                    </>
                  ) : (
                    <p role="note" className="rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-[13px] text-danger">
                      <span className="font-semibold">{ERROR_KINDS[a.errorKind ?? ""] ?? "No response"}</span>
                      {a.errorKind && <span className="font-mono"> ({a.errorKind})</span>}
                      {a.errorMessage && <span className="block text-fg">{a.errorMessage}</span>}
                    </p>
                  )}
                  {a.response && a.errorMessage && !ok && <p className="text-[13px] text-danger">{a.errorMessage}</p>}
                </Part>
              </div>
            </li>
          );
        })}
      </ol>
      {deliveryId && older.cursor && (
        <Button variant="secondary" size="sm" onClick={loadOlder} disabled={loading}>
          {loading ? "Loading…" : "Load older attempts"}
        </Button>
      )}
      {error && <p role="alert" className="text-[13px] text-danger">{error}</p>}
    </div>
  );
}
