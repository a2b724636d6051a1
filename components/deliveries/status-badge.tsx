import { Badge } from "@/components/ui/badge";

const look: Record<string, { tone: "success" | "danger" | "warning" | "neutral"; label: string }> = {
  succeeded: { tone: "success", label: "Succeeded" },
  failed: { tone: "danger", label: "Failed" },
  retrying: { tone: "warning", label: "Retrying" },
  pending: { tone: "neutral", label: "Pending" },
};

export function DeliveryStatusBadge({ status }: { status: string }) {
  const { tone, label } = look[status] ?? { tone: "neutral" as const, label: status };
  return <Badge tone={tone}>{label}</Badge>;
}

export function TestBadge() {
  return (
    <span className="inline-flex items-center rounded border border-border px-1.5 py-px text-[11px] font-medium tracking-wide text-muted uppercase">
      Test
    </span>
  );
}
