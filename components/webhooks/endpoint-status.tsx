"use client";

// Disable (confirmed: events published meanwhile are not sent to it) and Enable (one click).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmActions, Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { Endpoint } from "./types";

function useSetStatus(endpoint: Endpoint) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  async function setStatus(status: Endpoint["status"]) {
    setPending(true);
    const res = await apiRequest<Endpoint>("PATCH", `/api/v1/webhooks/${endpoint.id}`, { status });
    setPending(false);
    if (res.ok) toast({ tone: "success", title: status === "enabled" ? "Webhook enabled" : "Webhook disabled", description: endpoint.url });
    else toast({ tone: "error", title: `Webhook not ${status}`, description: res.error.message });
    router.refresh();
    return res.ok;
  }
  return { pending, setStatus };
}

export function EnableEndpointButton({ endpoint }: { endpoint: Endpoint }) {
  const { pending, setStatus } = useSetStatus(endpoint);
  return (
    <Button variant="primary" size="sm" onClick={() => setStatus("enabled")} disabled={pending}>
      {pending ? "Enabling…" : "Enable"}
    </Button>
  );
}

export function DisableEndpointButton({ endpoint }: { endpoint: Endpoint }) {
  const { pending, setStatus } = useSetStatus(endpoint);
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="sm" variant="ghost">
          Disable
        </Button>
      }
      title="Disable webhook?"
      description={
        <>
          <span className="font-mono break-all text-fg">{endpoint.url}</span> stops receiving events right away. Events that happen while
          it is disabled are never sent to it, and pending retries are closed as failed (you can resend them later).
        </>
      }
    >
      <ConfirmActions
        onCancel={() => setOpen(false)}
        onConfirm={async () => (await setStatus("disabled")) && setOpen(false)}
        pending={pending}
        label="Disable"
        pendingLabel="Disabling…"
      />
    </Dialog>
  );
}
