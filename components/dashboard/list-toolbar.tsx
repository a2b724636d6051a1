// Above a live list: its filters, a "Live" marker while it polls, Refresh, and the refresh error.
// Below it: Load more, or the error of the last page load with Retry.
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

type PagedState = { nextCursor: string | null; loadMore: () => Promise<unknown>; loadingMore: boolean; loadMoreError?: string };

export function LoadMore({ list, errorTitle }: { list: PagedState; errorTitle: string }) {
  if (list.loadMoreError) {
    return <InlineError title={errorTitle} message={list.loadMoreError} onRetry={() => void list.loadMore()} pending={list.loadingMore} />;
  }
  if (!list.nextCursor) return null;
  return (
    <div className="flex justify-center">
      <Button onClick={() => void list.loadMore()} disabled={list.loadingMore}>
        {list.loadingMore ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}
