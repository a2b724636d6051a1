"use client";

// Row actions, revealed on row hover or keyboard focus (always shown on touch screens).
import { useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { EditWebhookDialog } from "./edit-webhook-dialog";
import { useRowTest } from "./test-result";
import { describeTestResult, type Endpoint, type TestEventResult } from "./types";

export function EndpointActions({ endpoint }: { endpoint: Endpoint }) {
  const toast = useToast();
  const { test, setTest } = useRowTest();
  const [type, setType] = useState<string>(EVENT_TYPES[0]);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  async function sendTest() {
    setTest({ pending: true, result: test.result });
    const res = await apiRequest<TestEventResult>("POST", `/api/v1/webhooks/${endpoint.id}/test`, { type });
    if (!res.ok) {
      setTest({ pending: false, result: test.result });
      toast({ tone: "error", title: "Test event not sent", description: res.error.message });
      return;
    }
    setTest({ pending: false, result: res.data });
    toast({
      tone: res.data.delivered ? "success" : "error",
      title: res.data.delivered ? "Test event delivered" : "Test event failed",
      description: `${type} → ${describeTestResult(res.data)}`,
    });
  }

  return (
    <div data-row-actions className="flex items-center justify-end gap-1.5 max-sm:flex-wrap max-sm:justify-start opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 touch:opacity-100">
      <div className="flex">
        <select
          aria-label="Test event type"
          value={type}
          onChange={(e) => setType(e.target.value)}
          className="h-8 rounded-l-md border border-r-0 border-border bg-surface pr-1 pl-2 text-[13px] text-muted"
        >
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t.replace("checkout_session.", "")}
            </option>
          ))}
        </select>
        <Button size="sm" onClick={sendTest} disabled={test.pending} className="rounded-l-none">
          {test.pending ? "Sending…" : "Send Test Event"}
        </Button>
      </div>
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
