import { TableSkeleton } from "@/components/ui/table-skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading endpoint">
      <div className="mb-4 h-4 w-20 animate-pulse rounded bg-surface-muted" />
      <div className="mb-6 space-y-2">
        <div className="h-3 w-32 animate-pulse rounded bg-surface-muted" />
        <div className="h-6 w-full max-w-md animate-pulse rounded bg-surface-muted" />
        <div className="h-5 w-20 animate-pulse rounded-full bg-surface-muted" />
      </div>
      <div className="mb-8 h-20 animate-pulse rounded-xl border border-border bg-surface" />
      <div className="mb-10 grid gap-4 lg:grid-cols-2">
        <div className="h-40 animate-pulse rounded-xl border border-border bg-surface" />
        <div className="h-40 animate-pulse rounded-xl border border-border bg-surface" />
      </div>
      <TableSkeleton rows={4} bars={["w-56", "w-16 rounded-full", "w-10"]} />
    </div>
  );
}
