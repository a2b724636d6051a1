"use client";

import { Button } from "@/components/ui/button";

/** A page that failed to load on the server: what happened, that nothing was lost, and a Retry. */
export function RouteError({ title, message, retry }: { title: string; message?: string; retry: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-border bg-surface px-6 py-12 text-center">
      <h1 className="text-base font-semibold">{title}</h1>
      <p className="mx-auto mt-2 max-w-sm text-sm text-muted">{message ?? "Something went wrong on our side. Nothing was lost; try again in a moment."}</p>
      <Button variant="primary" className="mt-6" onClick={() => retry()}>
        Retry
      </Button>
    </div>
  );
}
