import { Button } from "./button";

/** A list that could not load (or load more): what happened, and a Retry. */
export function InlineError({ title, message, onRetry, pending }: { title: string; message: string; onRetry: () => void; pending?: boolean }) {
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-lg border border-danger/30 bg-danger-soft px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-medium text-danger">{title}</p>
        <p className="mt-0.5 text-[13px] break-words text-muted">{message}</p>
      </div>
      <Button size="sm" onClick={onRetry} disabled={pending}>
        {pending ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}
