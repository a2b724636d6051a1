// Above a live list: its filters, a "Live" marker while it polls, Refresh, and the refresh error.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";

type ListState = { polling: boolean; refreshing: boolean; refreshError?: string; refresh: () => Promise<unknown> };

export function ListToolbar({ filters, list, refreshErrorTitle }: { filters: ReactNode; list: ListState; refreshErrorTitle: string }) {
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-2">
        {filters}
        <div className="ml-auto flex items-center gap-2">
          {list.polling && (
            <span className="flex items-center gap-1.5 text-[13px] text-muted">
              <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-accent" />
              Live
            </span>
          )}
          <Button size="sm" onClick={() => void list.refresh()} disabled={list.refreshing}>
            {list.refreshing ? "Refreshing…" : "Refresh"}
          </Button>
        </div>
      </div>
      {list.refreshError && (
        <InlineError title={refreshErrorTitle} message={list.refreshError} onRetry={() => void list.refresh()} pending={list.refreshing} />
      )}
    </>
  );
}
