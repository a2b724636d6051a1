"use client";

// Client state for a keyset-paginated list whose first page was rendered on the server: Load more,
// a refresh that keeps what is loaded, and polling while something on screen is still in flight.
import { useCallback, useEffect, useState } from "react";
import { apiRequest } from "@/components/api-client";
import type { KeysetPage } from "@/lib/api/pagination";

export type { KeysetPage };

type Options<T> = {
  /** The list route with its filters, e.g. `/api/v1/webhooks/ep_1/deliveries?status=failed`. */
  url: string;
  initial: KeysetPage<T>;
  /** Server time of the initial render, so relative times hydrate identically. */
  renderedAt: string;
  /** Poll while this is true for the loaded items (deliveries still being sent). */
  pollWhile?: (items: T[]) => boolean;
  pollMs?: number;
};

const withParams = (url: string, params: Record<string, string>) => `${url}${url.includes("?") ? "&" : "?"}${new URLSearchParams(params)}`;

export function useKeysetList<T extends { id: string }>({ url, initial, renderedAt, pollWhile, pollMs = 2_000 }: Options<T>) {
  const [items, setItems] = useState(initial.data);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [now, setNow] = useState(() => new Date(renderedAt));
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<string>();
  const [refreshError, setRefreshError] = useState<string>();
  const [refreshing, setRefreshing] = useState(false);

  // A new server render (router.refresh, or a filter change) replaces the first page and keeps older pages.
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    setSeen(initial);
    const last = initial.data[initial.data.length - 1];
    const cut = last ? items.findIndex((i) => i.id === last.id) : -1;
    if (items.length > seen.data.length && initial.nextCursor && cut >= 0) {
      setItems([...initial.data, ...items.slice(cut + 1)]); // the reader had loaded more: keep those pages
    } else {
      setItems(initial.data);
      setNextCursor(initial.nextCursor);
    }
    setNow(new Date(renderedAt));
  }

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setLoadMoreError(undefined);
    const res = await apiRequest<KeysetPage<T>>("GET", withParams(url, { cursor: nextCursor }));
    setLoadingMore(false);
    if (!res.ok) return setLoadMoreError(res.error.message);
    setItems((all) => {
      const have = new Set(all.map((i) => i.id));
      return [...all, ...res.data.data.filter((i) => !have.has(i.id))];
    });
    setNextCursor(res.data.nextCursor);
    setNow(new Date());
  }, [nextCursor, url]);

  // Reloads as many rows as are on screen (one request, at most 100), so nothing shifts under the reader.
  const loaded = items.length;
  const refresh = useCallback(async () => {
    setRefreshing(true);
    const limit = String(Math.min(100, Math.max(25, loaded)));
    const res = await apiRequest<KeysetPage<T>>("GET", withParams(url, { limit }));
    setRefreshing(false);
    if (!res.ok) return setRefreshError(res.error.message);
    setRefreshError(undefined);
    setItems(res.data.data);
    setNextCursor(res.data.nextCursor);
    setNow(new Date());
  }, [url, loaded]);

  const polling = pollWhile?.(items) ?? false;
  useEffect(() => {
    if (!polling) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [polling, pollMs, refresh]);

  return { items, nextCursor, now, loadMore, loadingMore, loadMoreError, refresh, refreshing, refreshError, polling };
}
