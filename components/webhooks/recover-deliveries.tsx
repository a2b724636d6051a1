"use client";

// Recover failed deliveries: pick a time (last hour, 24 h, 7 days or a custom time), see how many
// failed deliveries would be sent again (a dry run), then Recover and watch exactly those go out, until
// "N sent, M failed again". Deliveries still waiting on a scheduled retry get Retry now, tracked the same way.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmActions, Dialog, DialogActions } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import type { PublicRecoveryProgress, RecoverResult, RecoverStarted } from "@/lib/delivery-log/public-operations";

const PRESETS = [
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
] as const;
type Choice = (typeof PRESETS)[number]["value"] | "custom";

const deliveries = (n: number) => `${n} deliver${n === 1 ? "y" : "ies"}`;
const plural = (n: number) => `${n} failed ${n === 1 ? "delivery" : "deliveries"}`;

/** datetime-local value (the browser's local time) for a Date. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// What was started (how many it queued, which recovery tracks them) and the latest count over that set.
type Run = { kind: "recover" | "retry"; queued: number; recoveryId: string | null; progress: PublicRecoveryProgress | null };
type Counts = { failed: number | null; waiting: number | null };

export function RecoverDeliveries({ endpointId }: { endpointId: string }) {
  const router = useRouter();
  const customId = useId();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>("24h");
  const [custom, setCustom] = useState(() => localInput(new Date(Date.now() - 3_600_000)));
  const [counts, setCounts] = useState<Counts>({ failed: null, waiting: null });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Run["kind"] | null>(null);
  const [run, setRun] = useState<Run | null>(null);

  const since = (): string | null => {
    if (choice !== "custom") return new Date(Date.now() - PRESETS.find((p) => p.value === choice)!.ms).toISOString();
    const date = new Date(custom);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  };

  // The dry runs (failed for Recover, waiting for Retry now), again whenever the choice changes.
  useEffect(() => {
    if (!open || run) return;
    const at = since();
    setCounts({ failed: null, waiting: null });
    setError(null);
    if (!at) return setError("Enter a date and time");
    let current = true;
    const count = (op: "recover" | "retry-now") => apiRequest<RecoverResult>("POST", `/api/v1/webhooks/${endpointId}/${op}`, { since: at, dryRun: true });
    void Promise.all([count("recover"), count("retry-now")]).then(([failed, waiting]) => {
      if (!current) return;
      if (!failed.ok) return setError(failed.error.fields?.since ?? failed.error.message);
      setCounts({ failed: failed.data.count, waiting: waiting.ok ? waiting.data.count : 0 });
    });
    return () => {
      current = false;
    };
    // since() is derived from choice and custom, both listed.
  }, [open, choice, custom, endpointId, run]);

  // Progress over exactly the set that was queued: poll until none of it is pending.
  useEffect(() => {
    if (!run?.recoveryId || run.progress?.finished) return;
    const recoveryId = run.recoveryId;
    const timer = window.setTimeout(async () => {
      const res = await apiRequest<PublicRecoveryProgress>("GET", `/api/v1/webhooks/${endpointId}/recover?recovery=${encodeURIComponent(recoveryId)}`);
      if (res.ok) setRun((r) => (r?.recoveryId === recoveryId ? { ...r, progress: res.data } : r));
    }, run.progress ? 1_000 : 300);
    return () => window.clearTimeout(timer);
  }, [run, endpointId]);

  async function start(kind: Run["kind"]) {
    const at = since();
    if (!at) return;
    setPending(kind);
    const res = await apiRequest<RecoverStarted>("POST", `/api/v1/webhooks/${endpointId}/${kind === "recover" ? "recover" : "retry-now"}`, { since: at });
    setPending(null);
    if (!res.ok) return setError(res.error.fields?.since ?? res.error.message);
    setRun({ kind, queued: res.data.count, recoveryId: res.data.recoveryId, progress: null });
  }

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      if (run) router.refresh();
      setRun(null);
      setCounts({ failed: null, waiting: null });
    }
  }

  const progress = run?.progress;
  const total = progress?.total ?? run?.queued ?? 0;
  const done = progress ? progress.sent + progress.failed : 0;
  const finished = run !== null && (run.recoveryId === null || progress?.finished === true);

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button size="sm">Recover failed deliveries</Button>}
      title="Recover failed deliveries"
      description="Send again every delivery to this endpoint that failed since a time, for example after an outage on your side. Each keeps its webhook-id, so your server can tell a duplicate."
    >
      {run === null ? (
        <>
          <fieldset>
            <legend className="text-sm font-medium">Failed since</legend>
            <div className="mt-2 space-y-1.5">
              {[...PRESETS, { value: "custom" as const, label: "Custom time" }].map((p) => (
                <label key={p.value} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="recover-since" value={p.value} checked={choice === p.value} onChange={() => setChoice(p.value)} className="size-4 accent-accent" />
                  {p.label}
                </label>
              ))}
            </div>
            {choice === "custom" && (
              <div className="mt-2 space-y-1.5">
                <label htmlFor={customId} className="block text-sm font-medium">
                  Since
                </label>
                <input id={customId} type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} className={inputClass} />
              </div>
            )}
          </fieldset>
          <p role="status" className="mt-4 min-h-5 text-sm">
            {error ? (
              <span className="text-danger">{error}</span>
            ) : counts.failed === null ? (
              <span className="text-muted">Counting…</span>
            ) : counts.failed === 0 ? (
              "No failed deliveries since then: nothing to send."
            ) : (
              <strong className="font-semibold">{plural(counts.failed)} will be sent again</strong>
            )}
          </p>
          {!error && counts.waiting !== null && counts.waiting > 0 && (
            <div className="mt-3 flex flex-col gap-2 rounded-lg border border-border bg-surface-muted/50 p-3 text-sm sm:flex-row sm:items-center sm:justify-between">
              <p data-testid="waiting-count">
                {deliveries(counts.waiting)} since then {counts.waiting === 1 ? "is" : "are"} waiting on a retry.
              </p>
              <Button size="sm" onClick={() => void start("retry")} disabled={pending !== null}>
                {pending === "retry" ? "Sending…" : "Retry now"}
              </Button>
            </div>
          )}
          {/* Opening focuses the time choice, not Cancel: the dialog asks something before it confirms. */}
          <ConfirmActions
            onCancel={() => onOpenChange(false)}
            onConfirm={() => start("recover")}
            pending={pending === "recover"}
            disabled={!counts.failed || Boolean(error) || pending !== null}
            label="Recover"
            pendingLabel="Recovering…"
            variant="primary"
            focusCancel={false}
          />
        </>
      ) : (
        <>
          <div className="space-y-2">
            {run.kind === "retry" && <p className="text-sm">{deliveries(run.queued)} moved forward: sending now instead of at their scheduled retry.</p>}
            <progress
              aria-label="Recovery progress"
              max={Math.max(1, total)}
              value={total === 0 ? 1 : done}
              className="h-2 w-full overflow-hidden rounded-full accent-accent"
            />
            <p role="status" className="text-sm">
              {finished
                ? `Done: ${progress?.sent ?? 0} sent, ${progress?.failed ?? 0} failed again.`
                : `Sending: ${done} of ${total} done${progress && progress.failed > 0 ? ` (${progress.sent} sent, ${progress.failed} failed again)` : ""}…`}
            </p>
          </div>
          <DialogActions>
            <Button variant={finished ? "primary" : "secondary"} onClick={() => onOpenChange(false)}>
              {finished ? "Done" : "Close"}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
