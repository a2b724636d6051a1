import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { EventsList } from "@/components/events/events-list";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterLinks } from "@/components/ui/filter-links";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { EVENT_TYPES, eventTypeSchema } from "@/lib/events/catalog";
import { listEvents } from "@/lib/events/list-events";

export const metadata: Metadata = { title: "Events" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const typeParam = eventTypeSchema.optional().catch(undefined);
const label = (type: string) => type.replace("checkout_session.", "").replace(/^./, (c) => c.toUpperCase());

const eventsIcon = (
  <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
    <path d="M2.5 10h3l2-5 5 10 2-5h3" />
  </svg>
);

export default async function EventsPage({ searchParams }: Props) {
  await connection();
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  const type = typeParam.parse((await searchParams).type);
  const events = await listEvents(merchant.id, { type, limit: 25 });

  const empty = type ? (
    <EmptyState id="events-empty" title={`No ${type} events`}>
      <p>None of your events has this type yet.</p>
      <p>
        <Link href="/events" scroll={false} className="font-medium text-accent hover:underline">
          Show all events
        </Link>
      </p>
    </EmptyState>
  ) : (
    <EmptyState id="events-empty" icon={eventsIcon} title="No events yet">
      <p>
        DashX creates an event whenever one of your checkout sessions completes, expires or is canceled, and delivers it to every enabled
        endpoint subscribed to its type. Each event shows up here with its delivery status per endpoint.
      </p>
      <p>
        To see one now, add an endpoint on the{" "}
        <Link href="/webhooks" className="font-medium text-accent hover:underline">
          Webhook
        </Link>{" "}
        page and click <span className="font-medium text-fg">Send Test Event</span>, or publish a sample event locally with{" "}
        <Code>npm run trigger -- completed</Code>.
      </p>
    </EmptyState>
  );

  return (
    <>
      <PageHeader title="Events" description="Every checkout session event DashX sent you, newest first, with its delivery status per endpoint." />
      <EventsList
        key={type ?? "all"}
        type={type}
        initial={events}
        renderedAt={new Date().toISOString()}
        empty={empty}
        filters={
          <FilterLinks
            label="Filter events by type"
            options={[
              { label: "All types", href: "/events", active: !type },
              ...EVENT_TYPES.map((t) => ({ label: label(t), href: `/events?type=${t}`, active: t === type })),
            ]}
          />
        }
      />
    </>
  );
}
