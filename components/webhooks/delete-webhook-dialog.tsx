"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { apiRequest } from "@/components/api-client";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { Endpoint } from "./types";

type Props = {
  endpoint: Endpoint;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  /** Where to go afterwards; by default the current page re-renders (the list). */
  afterDelete?: string;
};

export function DeleteWebhookDialog({ endpoint, open, onOpenChange, trigger, afterDelete }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);

  async function remove() {
    setPending(true);
    const res = await apiRequest<null>("DELETE", `/api/v1/webhooks/${endpoint.id}`);
    setPending(false);
    onOpenChange(false);
    if (res.ok || res.status === 404) toast({ tone: "success", title: "Webhook deleted", description: endpoint.url });
    else toast({ tone: "error", title: "Webhook not deleted", description: res.error.message });
    if (afterDelete && (res.ok || res.status === 404)) router.replace(afterDelete);
    else router.refresh();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={trigger}
      title="Delete webhook?"
      description={
        <>
          <span className="font-mono break-all text-fg">{endpoint.url}</span> will stop receiving events right away, and its
          delivery history is deleted. This cannot be undone.
        </>
      }
    >
      <ConfirmActions onCancel={() => onOpenChange(false)} onConfirm={remove} pending={pending} label="Delete" pendingLabel="Deleting…" />
    </Dialog>
  );
}
