"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { apiRequest } from "@/components/api-client";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { MASKED_HEADER_VALUE, updateWebhookSchema } from "@/lib/validation/webhook";
import type { Endpoint } from "./types";
import { WebhookForm, type WebhookFormValues } from "./webhook-form";

/** Changed unless the same names are all kept at their saved (masked) values. */
function headersChanged(next: Record<string, string>, saved: Record<string, string>): boolean {
  const names = Object.keys(next);
  return names.length !== Object.keys(saved).length || names.some((n) => !Object.hasOwn(saved, n) || next[n] !== MASKED_HEADER_VALUE);
}

/** Only what the merchant changed, so the audit log records real changes (not "Enabled" on every save). */
function changedFields(values: WebhookFormValues, endpoint: Endpoint): Partial<WebhookFormValues> {
  const sameTypes = values.eventTypes.length === endpoint.eventTypes.length && values.eventTypes.every((t) => endpoint.eventTypes.includes(t));
  const urlChanged = values.url.trim() !== endpoint.url;
  // A new URL may point at another host: the server then asks for every saved value again, row by row.
  const resendHeaders = urlChanged && Object.keys(endpoint.headers).length > 0;
  return {
    ...(urlChanged && { url: values.url }),
    ...(values.description.trim() !== endpoint.description && { description: values.description }),
    ...(!sameTypes && { eventTypes: values.eventTypes }),
    ...((resendHeaders || headersChanged(values.headers, endpoint.headers)) && { headers: values.headers }),
    ...(values.status !== undefined && values.status !== endpoint.status && { status: values.status }),
  };
}

type Props = { endpoint: Endpoint; open: boolean; onOpenChange: (open: boolean) => void; trigger: ReactNode };

export function EditWebhookDialog({ endpoint, open, onOpenChange, trigger }: Props) {
  const router = useRouter();
  const toast = useToast();

  async function save(values: WebhookFormValues) {
    const changes = changedFields(values, endpoint);
    if (Object.keys(changes).length === 0) {
      onOpenChange(false);
      return;
    }
    const res = await apiRequest<Endpoint>("PATCH", `/api/v1/webhooks/${endpoint.id}`, changes);
    if (res.ok || res.status === 404) {
      onOpenChange(false);
      if (res.ok) toast({ tone: "success", title: "Webhook updated", description: res.data.url });
      else toast({ tone: "error", title: "Webhook not found", description: "It may have been deleted in another tab." });
      router.refresh();
      return;
    }
    return { fields: res.error.fields, message: res.error.fields ? undefined : res.error.message };
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} trigger={trigger} title="Edit Webhook">
      <WebhookForm
        schema={updateWebhookSchema}
        initial={{ url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes, headers: endpoint.headers, status: endpoint.status }}
        submitLabel="Save"
        pendingLabel="Saving…"
        onSubmit={save}
        onCancel={() => onOpenChange(false)}
      />
    </Dialog>
  );
}
