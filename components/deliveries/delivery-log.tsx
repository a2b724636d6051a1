"use client";

// The endpoint's delivery log: the first page comes from the server, then Load more, Refresh, polling
// while deliveries are in flight, rows that expand into their attempts, and Resend on every delivery.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, type ReactNode } from "react";
import { ListToolbar, LoadMore } from "@/components/dashboard/list-toolbar";
import { useKeysetList, type KeysetPage } from "@/components/dashboard/use-keyset-list";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { DeliveryRow } from "./delivery-row";
import { inFlight, STATUS_FILTERS, type Delivery, type DeliveryStatus } from "./types";

type Props = {
  endpointId: string;
  endpointUrl: string;
  status?: DeliveryStatus;
  initial: KeysetPage<Delivery>;
  renderedAt: string;
  /** The endpoint's breaker pause: pending rows go no earlier than this. */
  pausedUntil?: string | null;
  filters: ReactNode;
};

export function DeliveryLog({ endpointId, endpointUrl, status, initial, renderedAt, pausedUntil, filters }: Props) {
  const router = useRouter();
  const list = useKeysetList<Delivery>({
    url: `/api/v1/webhooks/${endpointId}/deliveries${status ? `?status=${status}` : ""}`,
    initial,
    renderedAt,
    pollWhile: (items) => items.some((d) => inFlight(d.status)),
  });
  const { refresh } = list;
  const afterResend = useCallback(() => {
    void refresh();
    router.refresh(); // the audit log records the resend
  }, [refresh, router]);
  const filterLabel = STATUS_FILTERS.find((f) => f.value === status)?.label.toLowerCase();

  return (
    <section aria-labelledby="delivery-log" className="space-y-3">
      <h2 id="delivery-log" className="text-base font-semibold">
        Delivery log
      </h2>
      <ListToolbar filters={filters} list={list} refreshErrorTitle="The delivery log could not be refreshed" />
      {list.items.length === 0 ? (
        status ? (
          <EmptyState id="deliveries-empty" title={`No ${filterLabel} deliveries`}>
            <p>Nothing sent to this endpoint matches this filter right now.</p>
            <p>
              <Link href={`/webhooks/${endpointId}`} scroll={false} className="font-medium text-accent hover:underline">
                Show all deliveries
              </Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState id="deliveries-empty" title="No deliveries yet">
            <p>
              Every event DashX sends to this endpoint appears here, newest first, with the exact request and your server&apos;s response.
              Failed deliveries are retried automatically, and you can resend any of them.
            </p>
            <p>
              Use <span className="font-medium text-fg">Send Test Event</span> above, or publish a real one locally with{" "}
              <Code>npm run trigger -- completed</Code>.
            </p>
          </EmptyState>
        )
      ) : (
        <DataTable caption={`Deliveries to ${endpointUrl}, newest first`} columns={["Event", "Status", "HTTP", "Latency", "Attempts", "Next retry", "Created", ""]} stackBelow="md" minWidth="md:min-w-[860px]">
          {list.items.map((d) => (
            <DeliveryRow key={d.id} delivery={d} endpointUrl={endpointUrl} pausedUntil={pausedUntil ?? null} now={list.now} onResent={afterResend} />
          ))}
        </DataTable>
      )}
      <LoadMore list={list} errorTitle="More deliveries could not be loaded" />
    </section>
  );
}
