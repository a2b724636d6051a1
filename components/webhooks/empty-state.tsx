import { EmptyState } from "@/components/ui/empty-state";
import { CreateWebhook } from "./create-webhook";

const webhookIcon = (
  <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
    <path d="M8.5 5.5a2.5 2.5 0 1 1 3.2 2.4L14 12" />
    <path d="M4.6 10.6a2.5 2.5 0 1 0 3.4 2.9h5" />
    <path d="M15.4 16.5a2.5 2.5 0 1 0-1.4-4.5L10 5.6" />
  </svg>
);

/** The Webhook page before the first endpoint: what webhooks do here, and the button to add one. */
export function WebhooksEmptyState() {
  return (
    <EmptyState id="webhooks-empty" icon={webhookIcon} title="No webhook endpoints yet" action={<CreateWebhook label="Add your first endpoint" />}>
      <p>
        Webhooks let DashX notify your server when a checkout session completes, expires or is canceled, so you can fulfil orders the moment a
        USDC payment lands. Add an endpoint URL and DashX will send it a signed JSON POST for every event.
      </p>
    </EmptyState>
  );
}
