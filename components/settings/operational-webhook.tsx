"use client";

// Settings → Notifications → Operational webhook: one URL of the merchant's own that receives the
// notification kinds as signed Standard Webhooks requests. Its secret is shown once, on the first save.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError } from "@/components/ui/field";
import { RevealOnceDialog } from "@/components/ui/reveal-once-dialog";
import { useToast } from "@/components/ui/toast";
import { ENDPOINT_NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import type { PublicOperationalWebhook, SavedOperationalWebhook } from "@/lib/webhooks/public-operational-webhook";
import type { TestEventResult } from "@/lib/webhooks/public-test-result";
import { KIND_LABELS } from "./notification-settings";

const describe = (r: TestEventResult) =>
  [r.delivered ? "Delivered" : "Failed", r.statusCode, `${Math.round(r.durationMs)} ms`].filter((p) => p !== null).join(" · ") + (!r.delivered && r.error ? ` — ${r.error}` : "");

export function OperationalWebhook({ initial }: { initial: PublicOperationalWebhook | null }) {
  const router = useRouter();
  const toast = useToast();
  const [saved, setSaved] = useState(initial);
  const [url, setUrl] = useState(initial?.url ?? "");
  const [kinds, setKinds] = useState<string[]>(initial?.eventTypes ?? [...ENDPOINT_NOTIFICATION_KINDS]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const toggle = (kind: string, on: boolean) => setKinds((k) => (on ? [...k, kind] : k.filter((x) => x !== kind)));

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(undefined);
    if (kinds.length === 0) return setErrors({ eventTypes: "Pick at least one notification" });
    setSaving(true);
    const all = kinds.length === ENDPOINT_NOTIFICATION_KINDS.length;
    const res = await apiRequest<SavedOperationalWebhook>("PUT", "/api/v1/operational-webhook", { url, ...(!all && { eventTypes: kinds }) });
    setSaving(false);
    if (!res.ok) {
      if (res.error.fields) setErrors(res.error.fields);
      else setFormError(res.error.message);
      return;
    }
    const { secret: newSecret, ...webhook } = res.data;
    setSaved(webhook);
    setKinds(webhook.eventTypes);
    if (newSecret) setSecret(newSecret);
    else toast({ tone: "success", title: "Operational webhook saved" });
  }

  async function sendTest() {
    setTesting(true);
    const res = await apiRequest<TestEventResult>("POST", "/api/v1/operational-webhook/test", {});
    setTesting(false);
    if (!res.ok) return toast({ tone: "error", title: "Test notification not sent", description: res.error.message });
    toast({ tone: res.data.delivered ? "success" : "error", title: res.data.delivered ? "Test notification delivered" : "Test notification failed", description: describe(res.data) });
  }

  async function remove() {
    const res = await apiRequest<null>("DELETE", "/api/v1/operational-webhook");
    if (!res.ok && res.status !== 404) return void toast({ tone: "error", title: "Operational webhook not removed", description: res.error.message });
    setSaved(null);
    setUrl("");
    setKinds([...ENDPOINT_NOTIFICATION_KINDS]);
    toast({ tone: "success", title: "Operational webhook removed" });
    router.refresh();
  }

  return (
    <form onSubmit={(e) => void save(e)} className="space-y-4" noValidate>
      <div>
        <h3 className="text-sm font-medium">Operational webhook</h3>
        <p className="mt-1 text-[13px] text-muted">
          Your own automation can receive these notifications as signed Standard Webhooks requests (<code className="font-mono">{"{type, timestamp, data}"}</code>),
          retried and logged like every delivery. It does not count toward your webhook limit.
          {saved && (
            <>
              {" "}
              Status: <span className="font-medium text-fg">{saved.status === "enabled" ? "Enabled" : "Disabled"}</span>.
              {saved.status !== "enabled" && " It was disabled after failing for a long time; saving enables it again."}
            </>
          )}
        </p>
      </div>
      <Field label="Operational webhook URL" type="url" inputMode="url" placeholder="https://ops.example.com/dashx" value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} required />
      <fieldset aria-describedby={errors.eventTypes ? "op-kinds-error" : undefined}>
        <legend className="text-sm font-medium">Notifications it receives</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {ENDPOINT_NOTIFICATION_KINDS.map((kind) => (
            <label key={kind} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-0.5 size-4 accent-[var(--accent)]" checked={kinds.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} />
              <span>
                {KIND_LABELS[kind].label} <span className="font-mono text-xs text-muted">{kind}</span>
              </span>
            </label>
          ))}
        </div>
        {(errors.eventTypes ?? errors["eventTypes.0"]) && (
          <p id="op-kinds-error" className="mt-1.5 text-[13px] text-danger">
            {errors.eventTypes ?? errors["eventTypes.0"]}
          </p>
        )}
      </fieldset>
      <FormError>{formError}</FormError>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? "Saving…" : saved ? "Save operational webhook" : "Add operational webhook"}
        </Button>
        {saved && (
          <>
            <Button onClick={() => void sendTest()} disabled={testing}>
              {testing ? "Sending…" : "Send test notification"}
            </Button>
            <ConfirmDialog
              trigger={<Button variant="ghost">Remove</Button>}
              title="Remove the operational webhook?"
              description="It stops receiving notifications at once, and its secret stops working. Email and the dashboard inbox keep working."
              label="Remove operational webhook"
              pendingLabel="Removing…"
              variant="danger"
              onConfirm={remove}
            />
          </>
        )}
      </div>
      <RevealOnceDialog
        value={secret}
        title="Operational webhook secret"
        description="Use this secret to verify that notification requests come from DashX (Standard Webhooks signatures)."
        label="Signing secret"
        onDone={() => setSecret(null)}
        warning={
          <p>
            <strong className="font-semibold">This secret is shown only once.</strong> Copy it now and store it somewhere safe. It will never be
            shown again.
          </p>
        }
      />
    </form>
  );
}
