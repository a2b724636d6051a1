"use client";

// The endpoint page's header actions: Send Test Event, Edit, Disable, Delete.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { EditWebhookDialog } from "./edit-webhook-dialog";
import { DisableEndpointButton } from "./endpoint-status";
import { SendTestEvent } from "./send-test-event";
import type { Endpoint } from "./types";

export function EndpointControls({ endpoint }: { endpoint: Endpoint }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-1.5 sm:justify-end">
      <SendTestEvent endpointId={endpoint.id} refresh />
      <EditWebhookDialog endpoint={endpoint} open={editing} onOpenChange={setEditing} trigger={<Button size="sm">Edit</Button>} />
      {endpoint.status === "enabled" && <DisableEndpointButton endpoint={endpoint} />}
      <DeleteWebhookDialog
        endpoint={endpoint}
        open={deleting}
        onOpenChange={setDeleting}
        afterDelete="/webhooks"
        trigger={
          <Button size="sm" variant="ghost" className="hover:text-danger">
            Delete
          </Button>
        }
      />
    </div>
  );
}
