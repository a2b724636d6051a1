import { PageHeader } from "@/components/dashboard/page-header";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading webhooks">
      <PageHeader title="Webhooks" description="Signed JSON POSTs to your server for every checkout session event." />
      <div className="overflow-hidden rounded-xl border border-border bg-surface">
        <div className="h-10 border-b border-border bg-surface-muted/60" />
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex gap-6 border-b border-border px-4 py-4 last:border-0">
            <div className="h-4 w-64 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-40 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-16 animate-pulse rounded-full bg-surface-muted" />
          </div>
        ))}
      </div>
    </div>
  );
}
