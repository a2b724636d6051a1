"use client";

// The shell's bell: the unread count as a badge, linking to the Notifications page. It counts again
// every 20 s while the tab is visible, on every navigation, and when the page marks something read.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { apiRequest } from "@/components/api-client";
import { cn } from "@/components/ui/cn";
import { bellLabel, INBOX_CHANGED } from "./inbox-events";

const POLL_MS = 20_000;

export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  const pathname = usePathname();
  const active = pathname.startsWith("/notifications");

  const count = useCallback(async () => {
    const res = await apiRequest<{ unread: number }>("GET", "/api/v1/notifications/unread-count");
    if (res.ok) setUnread(res.data.unread);
  }, []);

  // pathname: a navigation is a cheap moment to count again (the first render has the server's count).
  const [seenPath, setSeenPath] = useState(pathname);
  useEffect(() => {
    if (seenPath === pathname) return;
    setSeenPath(pathname);
    void count();
  }, [pathname, seenPath, count]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void count();
    }, POLL_MS);
    const onChange = () => void count();
    window.addEventListener(INBOX_CHANGED, onChange);
    document.addEventListener("visibilitychange", onChange);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED, onChange);
      document.removeEventListener("visibilitychange", onChange);
    };
  }, [count]);

  return (
    <Link
      href="/notifications"
      aria-label={bellLabel(unread)}
      aria-current={active ? "page" : undefined}
      title={bellLabel(unread)}
      className={cn(
        "relative inline-flex size-8 shrink-0 items-center justify-center rounded-md transition-colors",
        active ? "bg-accent-soft text-accent" : "text-muted hover:bg-surface-muted hover:text-fg",
      )}
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-[18px]" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
        <path d="M5 8a5 5 0 0 1 10 0c0 4 1.5 5.5 1.5 5.5h-13S5 12 5 8Z" />
        <path d="M8.5 16.5a1.7 1.7 0 0 0 3 0" />
      </svg>
      {unread > 0 && (
        <span
          aria-hidden
          data-testid="notification-badge"
          className="absolute -top-1 -right-1 min-w-[18px] rounded-full bg-danger px-1 text-center text-[11px] leading-[18px] font-semibold text-white tabular-nums dark:text-bg"
        >
          {unread >= 100 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
