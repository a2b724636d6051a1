import { Badge } from "@/components/ui/badge";
import { STATUS_LABEL, type DeliveryStatus } from "./types";

const TONE: Record<DeliveryStatus, "success" | "danger" | "warning" | "neutral"> = {
  succeeded: "success",
  failed: "danger",
  retrying: "warning",
  pending: "neutral",
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return <Badge tone={TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}

export function TestBadge() {
  return (
    <span className="inline-flex items-center rounded border border-border px-1.5 py-px text-[11px] font-medium tracking-wide text-muted uppercase">
      Test
    </span>
  );
}
