"use client";

// Settings → Notifications: which kinds are emailed and which go to the operational webhook, a channel ×
// kind grid. Security notices are always emailed (their Email box is checked and locked) and never go to
// the webhook; the inbox always gets everything.
import { useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ENDPOINT_NOTIFICATION_KINDS, NOTIFICATION_KINDS, isSecurityKind, type NotificationKind } from "@/lib/notifications/kinds";

export type NotificationSettingsGrid = { email: Record<string, boolean>; webhook: Record<string, boolean> };

/** The kinds in words: the grid's rows and the operational webhook's event-type boxes. */
export const KIND_LABELS: Record<NotificationKind, { label: string; hint: string }> = {
  "endpoint.failing": { label: "Endpoint failing", hint: "4 deliveries in a row failed, or under half succeeded in 15 minutes" },
  "endpoint.paused": { label: "Endpoint paused", hint: "It stopped answering and deliveries wait" },
  "endpoint.disabled": { label: "Endpoint disabled", hint: "Automatically after days of failures or 410 Gone, or by a person" },
  "endpoint.recovered": { label: "Endpoint recovered", hint: "The first success after trouble" },
  "delivery.exhausted": { label: "Deliveries gave up", hint: "After their last retry, at most one notice per endpoint per hour" },
  "endpoint.signature_unverified": { label: "Accepts forged requests", hint: "A signature check found the handler does not verify" },
  "account.password_changed": { label: "Password changed", hint: "Account security" },
  "account.two_factor_disabled": { label: "Two-factor turned off", hint: "Account security" },
  "account.api_key_created": { label: "API key created", hint: "Account security" },
  "account.sessions_revoked": { label: "All sessions signed out", hint: "Account security" },
};

const webhookKinds = new Set<string>(ENDPOINT_NOTIFICATION_KINDS);

export function NotificationSettings({ initial }: { initial: NotificationSettingsGrid }) {
  const [grid, setGrid] = useState(initial);
  const [saving, setSaving] = useState(false);
  const toast = useToast();

  const set = (channel: "email" | "webhook", kind: string, on: boolean) => setGrid((g) => ({ ...g, [channel]: { ...g[channel], [kind]: on } }));

  async function save() {
    setSaving(true);
    // Security emails are locked on: sent as they are (true), never switched.
    const res = await apiRequest<NotificationSettingsGrid>("PUT", "/api/v1/notification-settings", grid);
    setSaving(false);
    if (!res.ok) return toast({ tone: "error", title: "Notification settings not saved", description: res.error.message });
    setGrid(res.data);
    toast({ tone: "success", title: "Notification settings saved" });
  }

  return (
    <div className="rounded-xl border border-border bg-surface shadow-xs">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Which notifications are emailed and which go to the operational webhook</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs font-medium tracking-wide text-muted uppercase">
              <th scope="col" className="px-4 py-2.5 sm:px-5">
                Notification
              </th>
              <th scope="col" className="w-14 px-1 py-2.5 text-center sm:w-20 sm:px-2">
                Email
              </th>
              <th scope="col" className="w-20 px-1 py-2.5 text-center sm:w-28 sm:px-2">
                <span className="hidden sm:inline">Operational webhook</span>
                <span className="sm:hidden">Webhook</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {NOTIFICATION_KINDS.map((kind) => {
              const security = isSecurityKind(kind);
              const { label, hint } = KIND_LABELS[kind];
              return (
                <tr key={kind}>
                  <th scope="row" className="px-4 py-2.5 text-left font-normal sm:px-5">
                    <span className="block font-medium">{label}</span>
                    <span className="block text-[13px] text-muted">{security ? "Security notices are always emailed" : hint}</span>
                  </th>
                  <td className="px-2 py-2.5 text-center">
                    <input
                      type="checkbox"
                      className="size-4 accent-[var(--accent)]"
                      aria-label={`Email: ${label}`}
                      checked={security ? true : (grid.email[kind] ?? true)}
                      disabled={security}
                      title={security ? "Security notices are always emailed" : undefined}
                      onChange={(e) => set("email", kind, e.target.checked)}
                    />
                  </td>
                  <td className="px-2 py-2.5 text-center">
                    {webhookKinds.has(kind) ? (
                      <input
                        type="checkbox"
                        className="size-4 accent-[var(--accent)]"
                        aria-label={`Operational webhook: ${label}`}
                        checked={grid.webhook[kind] ?? true}
                        onChange={(e) => set("webhook", kind, e.target.checked)}
                      />
                    ) : (
                      <span className="text-muted" title="Security notices never go to a webhook">
                        <span aria-hidden>—</span>
                        <span className="sr-only">Not sent to the operational webhook</span>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="flex flex-col gap-3 border-t border-border p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5">
        <p className="text-[13px] text-muted">Every notification also appears under Notifications in the dashboard.</p>
        <Button variant="primary" onClick={() => void save()} disabled={saving}>
          {saving ? "Saving…" : "Save notification settings"}
        </Button>
      </div>
    </div>
  );
}
