"use client";

// Send Test Event with its event-type picker, shared by the list's row actions and the endpoint page.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { describeTestResult, type TestEventResult } from "./types";

type Props = {
  endpointId: string;
  onStart?: () => void;
  onDone?: (result: TestEventResult | null) => void;
  /** Re-render the server page afterwards (the endpoint page shows the new delivery and audit entry). */
  refresh?: boolean;
};

export function SendTestEvent({ endpointId, onStart, onDone, refresh = false }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [type, setType] = useState<string>(EVENT_TYPES[0]);
  const [pending, setPending] = useState(false);

  async function send() {
    setPending(true);
    onStart?.();
    const res = await apiRequest<TestEventResult>("POST", `/api/v1/webhooks/${endpointId}/test`, { type });
    setPending(false);
    if (!res.ok) {
      onDone?.(null);
      toast({ tone: "error", title: "Test event not sent", description: res.error.message });
      return;
    }
    onDone?.(res.data);
    toast({
      tone: res.data.delivered ? "success" : "error",
      title: res.data.delivered ? "Test event delivered" : "Test event failed",
      description: `${type} → ${describeTestResult(res.data)}`,
    });
    if (refresh) router.refresh();
  }

  return (
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
      <Button size="sm" onClick={send} disabled={pending} className="rounded-l-none">
        {pending ? "Sending…" : "Send Test Event"}
      </Button>
    </div>
  );
}
