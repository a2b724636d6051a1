"use client";

// The inbox: newest first (server-rendered first page, then Load more), unread ones marked, Mark as read
// per row and Mark all as read; each row links to its endpoint while that endpoint still exists.
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { apiRequest } from "@/components/api-client";
import { ListToolbar, LoadMore } from "@/components/dashboard/list-toolbar";
import { useKeysetList, type KeysetPage } from "@/components/dashboard/use-keyset-list";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { announceInboxChanged, type NotificationItem } from "./inbox-events";

type Props = {
  unreadOnly: boolean;
  initial: KeysetPage<NotificationItem>;
  renderedAt: string;
  /** Where each existing endpoint's notices link: its page, or Settings for the operational webhook. */
  endpointLinks: Record<string, string>;
  filters: ReactNode;
  empty: ReactNode;
};

export function NotificationsList({ unreadOnly, initial, renderedAt, endpointLinks, filters, empty }: Props) {
  const list = useKeysetList<NotificationItem>({ url: `/api/v1/notifications${unreadOnly ? "?unread=true" : ""}`, initial, renderedAt });
  const toast = useToast();
  const [pending, setPending] = useState<string | null>(null);
  const anyUnread = list.items.some((n) => !n.readAt);

  async function markRead(body: { ids: string[] } | { all: true }, key: string) {
    setPending(key);
    const res = await apiRequest<{ updated: number }>("POST", "/api/v1/notifications/read", body);
    setPending(null);
    if (!res.ok) return toast({ tone: "error", title: "Not marked as read", description: res.error.message });
    announceInboxChanged();
    if ("all" in body) toast({ tone: "success", title: res.data.updated === 1 ? "1 notification marked as read" : `${res.data.updated} notifications marked as read` });
    await list.refresh();
  }

  return (
    <div className="space-y-3">
      <ListToolbar
        filters={
          <div className="flex flex-wrap items-center gap-2">
            {filters}
            <Button size="sm" variant="secondary" disabled={!anyUnread || pending !== null} onClick={() => void markRead({ all: true }, "all")}>
              {pending === "all" ? "Marking…" : "Mark all as read"}
            </Button>
          </div>
        }
        list={list}
        refreshErrorTitle="Notifications could not be refreshed"
      />
      {list.items.length === 0 ? (
        empty
      ) : (
        <ul aria-label={unreadOnly ? "Unread notifications, newest first" : "Notifications, newest first"} className="divide-y divide-border rounded-xl border border-border bg-surface shadow-xs">
          {list.items.map((n) => {
            const unread = !n.readAt;
            const href = n.endpointId ? endpointLinks[n.endpointId] : undefined;
            return (
              <li key={n.id} data-testid="notification" data-unread={unread ? "true" : "false"} className={cn("flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:gap-4 sm:p-5", unread && "bg-accent-soft/40")}>
                <span aria-hidden className={cn("mt-1.5 hidden size-2 shrink-0 rounded-full sm:block", unread ? "bg-accent" : "bg-transparent")} />
                <div className="min-w-0 flex-1">
                  <p className={cn("text-sm break-words", unread ? "font-semibold" : "font-medium")}>
                    {unread && <span className="sr-only">Unread: </span>}
                    {n.title}
                  </p>
                  {n.body && <p className="mt-1 text-[13px] break-words text-muted">{n.body}</p>}
                  <p className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
                    <RelativeTime iso={n.createdAt} now={list.now} />
                    {href && (
                      <Link href={href} className="font-medium text-accent hover:underline">
                        {href.startsWith("/settings") ? "Open operational webhook" : "Open endpoint"}
                      </Link>
                    )}
                  </p>
                </div>
                {unread && (
                  <Button size="sm" variant="ghost" className="self-start" disabled={pending !== null} onClick={() => void markRead({ ids: [n.id] }, n.id)} aria-label={`Mark as read: ${n.title}`}>
                    {pending === n.id ? "Marking…" : "Mark as read"}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore list={list} errorTitle="More notifications could not be loaded" />
    </div>
  );
}
