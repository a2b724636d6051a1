import type { ReactNode } from "react";
import { cn } from "./cn";

/** A bordered panel: settings rows, a chart, a form beside its explanation. */
export function Card({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn("rounded-xl border border-border bg-surface p-4 shadow-xs sm:p-5", className)}>{children}</div>;
}
