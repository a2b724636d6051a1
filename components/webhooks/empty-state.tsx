import { CreateWebhook } from "./create-webhook";

export function EmptyState() {
  return (
    <section aria-labelledby="webhooks-empty" className="rounded-xl border border-dashed border-border bg-surface px-6 py-12 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-accent-soft text-accent">
        <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
          <path d="M8.5 5.5a2.5 2.5 0 1 1 3.2 2.4L14 12" />
          <path d="M4.6 10.6a2.5 2.5 0 1 0 3.4 2.9h5" />
          <path d="M15.4 16.5a2.5 2.5 0 1 0-1.4-4.5L10 5.6" />
        </svg>
      </div>
      <h2 id="webhooks-empty" className="mt-4 text-base font-semibold">
        No webhook endpoints yet
      </h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-muted">
        Webhooks let DashX notify your server when a checkout session completes, expires or is canceled, so you can fulfil orders
        the moment a USDC payment lands. Add an endpoint URL and DashX will send it a signed JSON POST for every event.
      </p>
      <div className="mt-6 flex justify-center">
        <CreateWebhook label="Add your first endpoint" />
      </div>
    </section>
  );
}
