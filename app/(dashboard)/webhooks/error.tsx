"use client";

import { Button } from "@/components/ui/button";

export default function WebhooksError({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-border bg-surface px-6 py-12 text-center">
      <h1 className="text-base font-semibold">Your webhooks could not be loaded</h1>
      <p className="mx-auto mt-2 max-w-sm text-sm text-muted">Something went wrong on our side. Your endpoints are safe; try again in a moment.</p>
      <Button variant="primary" className="mt-6" onClick={() => retry()}>
        Retry
      </Button>
    </div>
  );
}
