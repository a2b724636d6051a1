import { PageHeader } from "@/components/dashboard/page-header";
import { TableSkeleton } from "@/components/ui/table-skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading webhooks">
      <PageHeader title="Webhooks" description="Signed JSON POSTs to your server for every checkout session event." />
      <TableSkeleton rows={3} bars={["w-64", "w-40", "w-16 rounded-full"]} />
    </div>
  );
}
