"use client";

// Recover failed deliveries: pick a time (last hour, 24 h, 7 days or a custom time), see how many
// failed deliveries would be sent again (a dry run), then Recover and watch them go out.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmActions, Dialog, DialogActions } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import type { PublicRecoverProgress, RecoverResult } from "@/lib/delivery-log/public-operations";

const PRESETS = [
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
] as const;
type Choice = (typeof PRESETS)[number]["value"] | "custom";

const plural = (n: number) => `${n} failed deliver${n === 1 ? "y" : "ies"}`;

/** datetime-local value (the browser's local time) for a Date. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type Progress = { total: number; pending: number; failed: number };

export function RecoverDeliveries({ endpointId }: { endpointId: string }) {
  const router = useRouter();
  const customId = useId();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>("24h");
  const [custom, setCustom] = useState(() => localInput(new Date(Date.now() - 3_600_000)));
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const sinceRef = useRef<string | null>(null);

  const since = (): string | null => {
    if (choice !== "custom") return new Date(Date.now() - PRESETS.find((p) => p.value === choice)!.ms).toISOString();
    const date = new Date(custom);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  };

  // The dry run, again whenever the choice changes.
  useEffect(() => {
    if (!open || progress) return;
    const at = since();
    setCount(null);
    setError(null);
    if (!at) return setError("Enter a date and time");
    let current = true;
    void apiRequest<RecoverResult>("POST", `/api/v1/webhooks/${endpointId}/recover`, { since: at, dryRun: true }).then((res) => {
      if (!current) return;
      if (res.ok) setCount(res.data.count);
      else setError(res.error.fields?.since ?? res.error.message);
    });
    return () => {
      current = false;
    };
    // since() is derived from choice and custom, both listed.
  }, [open, choice, custom, endpointId, progress]);

  // Progress: poll until none of them is pending any more.
  useEffect(() => {
    if (!progress || progress.pending === 0 || !sinceRef.current) return;
    const timer = window.setTimeout(async () => {
      const res = await apiRequest<PublicRecoverProgress>("GET", `/api/v1/webhooks/${endpointId}/recover?since=${encodeURIComponent(sinceRef.current!)}`);
      if (res.ok) setProgress((p) => p && { ...p, pending: res.data.pending, failed: res.data.failed });
    }, 1_000);
    return () => window.clearTimeout(timer);
  }, [progress, endpointId]);

  async function recover() {
    const at = since();
    if (!at) return;
    setPending(true);
    const res = await apiRequest<RecoverResult>("POST", `/api/v1/webhooks/${endpointId}/recover`, { since: at });
    setPending(false);
    if (!res.ok) return setError(res.error.fields?.since ?? res.error.message);
    sinceRef.current = at;
    setProgress({ total: res.data.count, pending: res.data.count, failed: 0 });
  }

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      if (progress) router.refresh();
      setProgress(null);
      setCount(null);
    }
  }

  const done = progress ? Math.max(0, progress.total - Math.min(progress.pending, progress.total)) : 0;
  const finished = progress !== null && progress.pending === 0;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button size="sm">Recover failed deliveries</Button>}
      title="Recover failed deliveries"
      description="Send again every delivery to this endpoint that failed since a time, for example after an outage on your side. Each keeps its webhook-id, so your server can tell a duplicate."
    >
      {progress === null ? (
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
            ) : count === null ? (
              <span className="text-muted">Counting…</span>
            ) : count === 0 ? (
              "No failed deliveries since then: nothing to send."
            ) : (
              <strong className="font-semibold">{plural(count)} will be sent again</strong>
            )}
          </p>
          {/* Opening focuses the time choice, not Cancel: the dialog asks something before it confirms. */}
          <ConfirmActions
            onCancel={() => onOpenChange(false)}
            onConfirm={recover}
            pending={pending}
            disabled={!count || Boolean(error)}
            label="Recover"
            pendingLabel="Recovering…"
            variant="primary"
            focusCancel={false}
          />
        </>
      ) : (
        <>
          <div className="space-y-2">
            <progress
              aria-label="Recovery progress"
              max={Math.max(1, progress.total)}
              value={progress.total === 0 ? 1 : done}
              className="h-2 w-full overflow-hidden rounded-full accent-accent"
            />
            <p role="status" className="text-sm">
              {finished
                ? `Done: ${progress.total} sent again${progress.failed > 0 ? `, ${plural(progress.failed)} still failing` : ", all delivered"}.`
                : `Sending again: ${done} of ${progress.total} done…`}
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
