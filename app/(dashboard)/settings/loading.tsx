import { PageHeader } from "@/components/dashboard/page-header";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading settings">
      <PageHeader title="Settings" description="Your account and the API keys your servers use." />
      <div className="mb-10 h-32 animate-pulse rounded-xl border border-border bg-surface" />
      <div className="mb-3 h-5 w-24 animate-pulse rounded bg-surface-muted" />
      <div className="overflow-hidden rounded-xl border border-border bg-surface">
        <div className="h-10 border-b border-border bg-surface-muted/60" />
        {[0, 1].map((i) => (
          <div key={i} className="flex gap-6 border-b border-border px-4 py-4 last:border-0">
            <div className="h-4 w-40 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-28 animate-pulse rounded bg-surface-muted" />
          </div>
        ))}
      </div>
    </div>
  );
}
