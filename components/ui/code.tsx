import type { ReactNode } from "react";
import { cn } from "./cn";

/** Inline code, e.g. a command to run. */
export function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-[12.5px] break-words text-fg">{children}</code>;
}

/** Pretty-prints JSON text (falls back to the raw text when it is not JSON). */
export function formatJson(text: string | null | undefined): string {
  if (!text) return "";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A scrollable monospace block for payloads, headers and response bodies. */
export function CodeBlock({ children, label, className }: { children: ReactNode; label?: string; className?: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className={cn("max-h-80 overflow-auto rounded-md border border-border bg-surface-muted/60 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-fg [overflow-wrap:anywhere]", className)}
    >
      {children}
    </pre>
  );
}
