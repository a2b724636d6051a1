import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { NotificationsList } from "@/components/notifications/notifications-list";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterLinks } from "@/components/ui/filter-links";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { listNotifications } from "@/lib/notifications/inbox/list-notifications";
import { findOperationalEndpoint } from "@/lib/webhooks/get-operational-webhook";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";

export const metadata: Metadata = { title: "Notifications" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const bellIcon = (
  <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
    <path d="M5 8a5 5 0 0 1 10 0c0 4 1.5 5.5 1.5 5.5h-13S5 12 5 8Z" />
    <path d="M8.5 16.5a1.7 1.7 0 0 0 3 0" />
  </svg>
);

export default async function NotificationsPage({ searchParams }: Props) {
  await connection();
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  const unreadOnly = (await searchParams).filter === "unread";
  const [page, endpoints, operational] = await Promise.all([
    listNotifications(merchant.id, { unread: unreadOnly, limit: 25 }),
    listEndpoints(merchant.id),
    findOperationalEndpoint(merchant.id),
  ]);
  // Only endpoints that still exist get a link (a notice outlives a deleted endpoint).
  const endpointLinks: Record<string, string> = Object.fromEntries(endpoints.map((e) => [e.id, `/webhooks/${e.id}`]));
  if (operational) endpointLinks[operational.id] = "/settings#operational-webhook";

  const empty = unreadOnly ? (
    <EmptyState id="notifications-empty" title="No unread notifications">
      <p>You are up to date.</p>
      <p>
        <Link href="/notifications" scroll={false} className="font-medium text-accent hover:underline">
          Show all notifications
        </Link>
      </p>
    </EmptyState>
  ) : (
    <EmptyState id="notifications-empty" icon={bellIcon} title="No notifications yet">
      <p>
        DashX tells you here when an endpoint keeps failing, is paused or disabled, recovers, or gives up on deliveries, and when something
        changes your account&apos;s security.
      </p>
      <p>
        Choose what is also emailed or sent to your operational webhook in{" "}
        <Link href="/settings#notifications" className="font-medium text-accent hover:underline">
          Settings → Notifications
        </Link>
        .
      </p>
    </EmptyState>
  );

  return (
    <>
      <PageHeader title="Notifications" description="What happened to your endpoints and your account, newest first." />
      <NotificationsList
        key={unreadOnly ? "unread" : "all"}
        unreadOnly={unreadOnly}
        initial={page}
        renderedAt={new Date().toISOString()}
        endpointLinks={endpointLinks}
        empty={empty}
        filters={
          <FilterLinks
            label="Filter notifications"
            options={[
              { label: "Unread", href: "/notifications?filter=unread", active: unreadOnly },
              { label: "All", href: "/notifications", active: !unreadOnly },
            ]}
          />
        }
      />
    </>
  );
}
