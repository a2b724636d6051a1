import { PageHeader } from "@/components/dashboard/page-header";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading events">
      <PageHeader title="Events" description="Every checkout session event DashX sent you, newest first, with its delivery status per endpoint." />
      <div className="mb-3 h-9 w-80 max-w-full animate-pulse rounded-lg border border-border bg-surface" />
      <div className="overflow-hidden rounded-xl border border-border bg-surface">
        <div className="h-10 border-b border-border bg-surface-muted/60" />
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex flex-wrap gap-6 border-b border-border px-4 py-4 last:border-0">
            <div className="h-4 w-60 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-72 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-20 animate-pulse rounded bg-surface-muted" />
          </div>
        ))}
      </div>
    </div>
  );
}
