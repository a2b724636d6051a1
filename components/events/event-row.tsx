"use client";

// One event: type, id, deliveries per endpoint; its button expands the payload and delivery details.
import Link from "next/link";
import { useId } from "react";
import { DeliveryStatusBadge, TestBadge } from "@/components/deliveries/status-badge";
import type { EventDetail, EventSummary } from "@/components/deliveries/types";
import { CodeBlock } from "@/components/ui/code";
import { ExpandButton } from "@/components/ui/expand-button";
import { formatDue, RelativeTime } from "@/components/ui/relative-time";
import { ExpandedDetail, useExpandableDetail } from "@/components/ui/use-expandable-detail";

const td = "px-3 py-3 align-top md:first:pl-4 max-md:p-0";

const attemptsLabel = (n: number) => `${n} ${n === 1 ? "attempt" : "attempts"}`;

type Delivery = EventSummary["deliveries"][number];

function DeliveryChip({ delivery }: { delivery: Delivery }) {
  return (
    <li className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-[13px]">
      <span className="max-w-72 truncate font-mono text-xs max-md:max-w-full max-md:break-all max-md:whitespace-normal" title={delivery.endpointUrl}>
        {delivery.endpointUrl}
      </span>
      <DeliveryStatusBadge status={delivery.status} />
      <span className="whitespace-nowrap text-muted">{attemptsLabel(delivery.attempts)}</span>
    </li>
  );
}

export function EventRow({ event, now }: { event: EventSummary; now: Date }) {
  const id = useId();
  const progress = event.deliveries.map((d) => `${d.status}:${d.attempts}`).join(",");
  const expand = useExpandableDetail<EventDetail>(`/api/v1/events/${event.id}`, progress);
  const { open } = expand;

  return (
    <tbody className="border-b border-border last:border-0 max-md:block">
      <tr className="transition-colors hover:bg-surface-muted/40 max-md:flex max-md:flex-col max-md:gap-2 max-md:p-4">
        <td className={td}>
          <ExpandButton
            open={open}
            onToggle={expand.toggle}
            controls={`${id}-detail`}
            title={event.type}
            subtitle={event.id}
            subtitleClassName="break-all"
          />
          {event.isTest && (
            <span className="mt-1 ml-5 inline-block">
              <TestBadge />
            </span>
          )}
        </td>
        <td className={td}>
          {event.deliveries.length === 0 ? (
            <span className="text-[13px] text-muted">No matching enabled endpoint</span>
          ) : (
            <ul aria-label="Deliveries" className="space-y-1.5">
              {event.deliveries.map((d) => (
                <DeliveryChip key={d.id} delivery={d} />
              ))}
            </ul>
          )}
        </td>
        <td className={`${td} whitespace-nowrap text-muted`}>
          <span className="md:hidden">Created </span>
          <RelativeTime iso={event.createdAt} now={now} />
        </td>
      </tr>
      <tr id={`${id}-detail`} hidden={!open} className="bg-surface-muted/40 max-md:block">
        <td colSpan={3} className="px-4 py-4 max-md:block max-md:px-3">
          <ExpandedDetail state={expand} errorTitle="The event could not be loaded" loadingText="Loading event…">
            {(detail) => (
              <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
                <section className="min-w-0 space-y-2">
                  <h3 className="text-xs font-medium tracking-wide text-muted uppercase">Payload</h3>
                  <CodeBlock label="Event payload" className="max-h-[28rem]">
                    {JSON.stringify(detail.payload, null, 2)}
                  </CodeBlock>
                </section>
                <section className="min-w-0 space-y-2">
                  <h3 className="text-xs font-medium tracking-wide text-muted uppercase">Deliveries</h3>
                  {detail.deliveries.length === 0 ? (
                    <p className="text-[13px] text-muted">
                      No endpoint received this event: none was enabled and subscribed to {detail.type} when it happened.
                    </p>
                  ) : (
                    <ul className="space-y-2">
                      {detail.deliveries.map((d) => (
                        <li key={d.id} className="rounded-lg border border-border bg-surface p-3 text-[13px]">
                          <Link href={`/webhooks/${d.endpointId}`} className="block font-mono text-xs break-all hover:text-accent hover:underline">
                            {d.endpointUrl}
                          </Link>
                          <p className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-muted">
                            <DeliveryStatusBadge status={d.status} />
                            <span>{attemptsLabel(d.attempts)}</span>
                            {d.lastStatusCode !== null && <span>HTTP {d.lastStatusCode}</span>}
                            {d.nextAttemptAt && <span>next retry {formatDue(d.nextAttemptAt, now)}</span>}
                          </p>
                        </li>
                      ))}
                    </ul>
                )}
                <p className="text-[13px] text-muted">Open an endpoint for each attempt&apos;s exact request and response, and to resend.</p>
              </section>
            </div>
            )}
          </ExpandedDetail>
        </td>
      </tr>
    </tbody>
  );
}
