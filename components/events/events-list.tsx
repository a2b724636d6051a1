"use client";

// The merchant's events, newest first: server-rendered first page, then Load more and live status.
import type { ReactNode } from "react";
import { ListToolbar, LoadMore } from "@/components/dashboard/list-toolbar";
import { useKeysetList, type KeysetPage } from "@/components/dashboard/use-keyset-list";
import { inFlight, type EventSummary } from "@/components/deliveries/types";
import { DataTable } from "@/components/ui/data-table";
import { EventRow } from "./event-row";

type Props = { type?: string; initial: KeysetPage<EventSummary>; renderedAt: string; filters: ReactNode; empty: ReactNode };

export function EventsList({ type, initial, renderedAt, filters, empty }: Props) {
  const list = useKeysetList<EventSummary>({
    url: `/api/v1/events${type ? `?type=${type}` : ""}`,
    initial,
    renderedAt,
    pollWhile: (events) => events.some((e) => e.deliveries.some((d) => inFlight(d.status))),
  });

  return (
    <div className="space-y-3">
      <ListToolbar filters={filters} list={list} refreshErrorTitle="Events could not be refreshed" />
      {list.items.length === 0 ? (
        empty
      ) : (
        <DataTable caption="Events, newest first" columns={["Event", "Deliveries", "Created"]} stackBelow="md" minWidth="md:min-w-[720px]">
          {list.items.map((e) => (
            <EventRow key={e.id} event={e} now={list.now} />
          ))}
        </DataTable>
      )}
      <LoadMore list={list} errorTitle="More events could not be loaded" />
    </div>
  );
}
