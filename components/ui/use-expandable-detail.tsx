"use client";

// An expandable row's detail, fetched when the row opens and again whenever `refreshKey` changes while it
// is open (a new attempt landed). Shared by the delivery log's and the events list's rows.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { apiRequest } from "@/components/api-client";
import { InlineError } from "./inline-error";

export function useExpandableDetail<T>(url: string, refreshKey: string) {
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await apiRequest<T>("GET", url);
    setLoading(false);
    if (res.ok) {
      setDetail(res.data);
      setError(undefined);
    } else setError(res.error.message);
  }, [url]);

  useEffect(() => {
    if (open) void load();
  }, [open, load, refreshKey]);

  return { open, toggle: () => setOpen((o) => !o), detail, error, loading, load };
}

type StateProps<T> = { state: ReturnType<typeof useExpandableDetail<T>>; errorTitle: string; loadingText: string; children: (detail: T) => ReactNode };

/** The open row's body: its error with a Retry, a loading line, then the detail. */
export function ExpandedDetail<T>({ state, errorTitle, loadingText, children }: StateProps<T>) {
  const { open, detail, error, loading, load } = state;
  if (!open) return null;
  if (error) return <InlineError title={errorTitle} message={error} onRetry={() => void load()} pending={loading} />;
  if (!detail) return <p className="text-sm text-muted">{loadingText}</p>;
  return children(detail);
}
