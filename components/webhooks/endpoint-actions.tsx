"use client";

// Row actions, revealed on row hover or keyboard focus (always shown on touch screens).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { EditWebhookDialog } from "./edit-webhook-dialog";
import { SendTestEvent } from "./send-test-event";
import { useRowTest } from "./test-result";
import type { Endpoint } from "./types";

export function EndpointActions({ endpoint }: { endpoint: Endpoint }) {
  const { test, setTest } = useRowTest();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  return (
    <div data-row-actions className="flex items-center justify-end gap-1.5 whitespace-nowrap max-sm:flex-wrap max-sm:justify-start sm:mouse:absolute sm:mouse:top-2 sm:mouse:right-3 sm:mouse:rounded-md sm:mouse:bg-surface sm:mouse:p-1 sm:mouse:shadow-md opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 touch:opacity-100">
      <SendTestEvent
        endpointId={endpoint.id}
        onStart={() => setTest({ pending: true, result: test.result })}
        onDone={(result) => setTest({ pending: false, result: result ?? test.result })}
      />
      <EditWebhookDialog
        endpoint={endpoint}
        open={editing}
        onOpenChange={setEditing}
        trigger={
          <Button size="sm" variant="ghost">
            Edit
          </Button>
        }
      />
      <DeleteWebhookDialog
        endpoint={endpoint}
        open={deleting}
        onOpenChange={setDeleting}
        trigger={
          <Button size="sm" variant="ghost" className="hover:text-danger">
            Delete
          </Button>
        }
      />
    </div>
  );
}
