import { PageHeader } from "@/components/dashboard/page-header";
import { TableSkeleton } from "@/components/ui/table-skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading events">
      <PageHeader title="Events" description="Every checkout session event DashX sent you, newest first, with its delivery status per endpoint." />
      <div className="mb-3 h-9 w-80 max-w-full animate-pulse rounded-lg border border-border bg-surface" />
      <TableSkeleton rows={4} bars={["w-60", "w-72", "w-20"]} />
    </div>
  );
}
