"use client";

// The merchant's events, newest first: server-rendered first page, then Load more and live status.
import type { ReactNode } from "react";
import { ListToolbar, LoadMore } from "@/components/dashboard/list-toolbar";
import { useKeysetList, type KeysetPage } from "@/components/dashboard/use-keyset-list";
import { inFlight, type EventSummary } from "@/components/deliveries/types";
import { EventRow, eventTh as th } from "./event-row";

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
        <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-xs">
          <table className="w-full text-sm max-md:block md:min-w-[720px]">
            <caption className="sr-only">Events, newest first</caption>
            <thead className="border-b border-border bg-surface-muted/60 max-md:sr-only">
              <tr>
                <th scope="col" className={th}>Event</th>
                <th scope="col" className={th}>Deliveries</th>
                <th scope="col" className={th}>Created</th>
              </tr>
            </thead>
            {list.items.map((e) => (
              <EventRow key={e.id} event={e} now={list.now} />
            ))}
          </table>
        </div>
      )}
      <LoadMore list={list} errorTitle="More events could not be loaded" />
    </div>
  );
}
