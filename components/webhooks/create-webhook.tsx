"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { apiRequest } from "@/components/api-client";
import { CreateButton } from "@/components/ui/create-button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { createWebhookSchema } from "@/lib/validation/webhook";
import { SecretDialog } from "./secret-dialog";
import type { CreatedEndpoint } from "./types";
import { WebhookForm, type WebhookFormValues } from "./webhook-form";

type Props = { label?: string; disabled?: boolean; describedBy?: string };

/** The Create Webhook button, its form dialog, and the one-time secret dialog that follows. */
export function CreateWebhook({ label = "Create Webhook", disabled, describedBy }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [formOpen, setFormOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  async function create(values: WebhookFormValues) {
    const res = await apiRequest<CreatedEndpoint>("POST", "/api/v1/webhooks", values);
    if (res.ok) {
      setFormOpen(false);
      setSecret(res.data.secret);
      return;
    }
    if (res.error.code === "webhook_limit_reached") {
      setFormOpen(false);
      toast({ tone: "error", title: "Webhook not created", description: res.error.message });
      router.refresh();
      return;
    }
    return { fields: res.error.fields, message: res.error.fields ? undefined : res.error.message };
  }

  return (
    <>
      <Dialog
        open={formOpen}
        onOpenChange={setFormOpen}
        trigger={
          <CreateButton ref={button} disabled={disabled} aria-describedby={describedBy}>
            {label}
          </CreateButton>
        }
        title="Create Webhook"
        description="DashX will POST signed JSON to this URL when your checkout sessions complete, expire or are canceled."
      >
        <WebhookForm
          schema={createWebhookSchema}
          submitLabel="Create"
          pendingLabel="Creating…"
          onSubmit={create}
          onCancel={() => setFormOpen(false)}
        />
      </Dialog>
      <SecretDialog
        secret={secret}
        finalFocus={button}
        onDone={() => {
          setSecret(null);
          router.refresh();
        }}
      />
    </>
  );
}
