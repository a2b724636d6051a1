"use client";

// One delivery: a summary row whose event button expands the attempts (fetched on demand), and Resend.
import { useId, useState } from "react";
import { apiRequest } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ExpandButton } from "@/components/ui/expand-button";
import { formatDue, RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { ExpandedDetail, useExpandableDetail } from "@/components/ui/use-expandable-detail";
import { formatLatency } from "@/lib/duration";
import { formatTime } from "@/lib/format-time";
import { nextSendAt } from "@/lib/webhooks/endpoint-state";
import { AttemptLog } from "./attempt-log";
import { DeliveryStatusBadge, TestBadge } from "./status-badge";
import type { Delivery, DeliveryDetail, ResendResult } from "./types";

// Below `md` each delivery becomes a stacked card, so a 320 px screen never scrolls sideways.
const td = "px-3 py-3 align-top text-[13px] leading-5 whitespace-nowrap md:first:pl-4 max-md:p-0";
const label = "text-muted md:hidden";

type Props = { delivery: Delivery; endpointUrl: string; pausedUntil: string | null; now: Date; onResent: () => void };

export function DeliveryRow({ delivery: d, endpointUrl, pausedUntil, now, onResent }: Props) {
  // A paused endpoint holds its due rows until the pause ends: show when they really go.
  const next = d.nextAttemptAt && (d.status === "pending" || d.status === "retrying") ? nextSendAt(d.nextAttemptAt, pausedUntil) : d.nextAttemptAt;
  const toast = useToast();
  const id = useId();
  const [resending, setResending] = useState(false);
  // (Re)load the attempts when the row opens and whenever a new attempt lands while it is open.
  const expand = useExpandableDetail<DeliveryDetail>(`/api/v1/deliveries/${d.id}`, `${d.status}:${d.attempts}`);
  const { open } = expand;

  async function resend() {
    setResending(true);
    const res = await apiRequest<ResendResult>("POST", `/api/v1/deliveries/${d.id}/retry`);
    setResending(false);
    if (res.ok) toast({ tone: "success", title: "Resend queued", description: `${d.eventType} (${d.eventId}) → ${endpointUrl}` });
    else toast({ tone: "error", title: "Delivery not resent", description: res.error.message });
    onResent();
  }

  return (
    <tbody className="border-b border-border last:border-0 max-md:block">
      <tr className="transition-colors hover:bg-surface-muted/40 max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-4 max-md:gap-y-1.5 max-md:p-4">
        <td className={`${td} max-md:w-full`}>
          <ExpandButton
            open={open}
            onToggle={expand.toggle}
            controls={`${id}-detail`}
            id={`${id}-event`}
            title={d.eventType}
            subtitle={d.eventId}
            subtitleTitle={d.eventId}
            subtitleClassName="max-w-56 truncate max-md:max-w-none max-md:whitespace-normal max-md:break-all"
          />
          {d.isTest && (
            <span className="mt-1 ml-5 inline-block">
              <TestBadge />
            </span>
          )}
        </td>
        <td className={td}>
          <DeliveryStatusBadge status={d.status} />
        </td>
        <td className={`${td} font-mono`} title={d.lastError ?? undefined}>
          <span className={label}>HTTP </span>
          {d.lastStatusCode ?? "—"}
        </td>
        <td className={`${td} text-muted`}>
          <span className={label}>Latency </span>
          {formatLatency(d.lastDurationMs)}
        </td>
        <td className={`${td} text-muted`}>
          <span className={label}>Attempts </span>
          {d.attempts}
        </td>
        <td className={`${td} text-muted`}>
          {next ? (
            <>
              <span className={label}>Next retry </span>
              <time dateTime={next} title={next === d.nextAttemptAt ? formatTime(next) : `${formatTime(next)}, when the pause ends`}>
                {formatDue(next, now)}
              </time>
            </>
          ) : (
            <span className="max-md:hidden">—</span>
          )}
        </td>
        <td className={`${td} text-muted`}>
          <span className={label}>Created </span>
          <RelativeTime iso={d.createdAt} now={now} />
        </td>
        <td className={`${td} text-right max-md:ml-auto`}>
          <Button size="sm" variant="ghost" onClick={resend} disabled={resending} aria-describedby={`${id}-event`} className="-my-1.5">
            {resending ? "Resending…" : "Resend"}
          </Button>
        </td>
      </tr>
      <tr id={`${id}-detail`} hidden={!open} className="bg-surface-muted/40 max-md:block">
        <td colSpan={8} className="px-4 py-4 max-md:block max-md:px-3">
          <ExpandedDetail state={expand} errorTitle="The attempts could not be loaded" loadingText="Loading attempts…">
            {(detail) =>
              detail.attemptLog.length > 0 ? (
                <AttemptLog attempts={detail.attemptLog} url={endpointUrl} now={now} deliveryId={d.id} nextCursor={detail.nextAttemptCursor} />
              ) : (
                <p className="text-sm text-muted">
                  Not sent yet.{" "}
                  {next && (new Date(next) <= now ? "It is on its way." : `The first attempt is due ${formatDue(next, now)}.`)}
                </p>
              )
            }
          </ExpandedDetail>
        </td>
      </tr>
    </tbody>
  );
}
