import type { ReactNode } from "react";
import { cn } from "./cn";

type Tone = "success" | "neutral" | "danger" | "warning";

const tones: Record<Tone, string> = {
  success: "bg-success-soft text-success",
  neutral: "bg-surface-muted text-muted",
  danger: "bg-danger-soft text-danger",
  warning: "bg-warning-soft text-warning",
};

export function Badge({ tone = "neutral", title, children }: { tone?: Tone; title?: string; children: ReactNode }) {
  return (
    <span title={title} className={cn("inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", tones[tone])}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {children}
    </span>
  );
}
