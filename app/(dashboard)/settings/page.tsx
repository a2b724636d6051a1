import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { PageSection } from "@/components/dashboard/page-section";
import { ApiKeysTable } from "@/components/settings/api-keys-table";
import { ChangePassword } from "@/components/settings/change-password";
import { CreateApiKey } from "@/components/settings/create-api-key";
import { SessionList } from "@/components/settings/session-list";
import { SignOutEverywhere } from "@/components/settings/sign-out-everywhere";
import { NotificationSettings } from "@/components/settings/notification-settings";
import { OperationalWebhook } from "@/components/settings/operational-webhook";
import { DisableTwoFactor, EnableTwoFactor } from "@/components/settings/two-factor-settings";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { twoFactorStatus } from "@/lib/auth/two-factor-status";
import { formatDuration } from "@/lib/duration";
import { env } from "@/lib/env";
import { getNotificationSettings } from "@/lib/notifications/preferences";
import { findOperationalEndpoint } from "@/lib/webhooks/get-operational-webhook";
import { toPublicOperationalWebhook } from "@/lib/webhooks/public-operational-webhook";

export const metadata: Metadata = { title: "Settings" };

const keyIcon = (
  <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
    <circle cx="7" cy="12.5" r="3" />
    <path d="M9.2 10.4 15.5 4M13 6.5l2 2M11.5 8l1.5 1.5" />
  </svg>
);

export default async function SettingsPage() {
  await connection();
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  const [keys, twoFactor, notificationSettings, operational] = await Promise.all([
    listApiKeys(merchant.id),
    twoFactorStatus(merchant.id),
    getNotificationSettings(merchant.id),
    findOperationalEndpoint(merchant.id),
  ]);
  const now = new Date();

  return (
    <>
      <PageHeader title="Settings" description="Your account, its security, its notifications and the API keys your servers use." />

      <PageSection id="account" title="Account">
        <dl className="grid gap-4 rounded-xl border border-border bg-surface p-4 shadow-xs sm:grid-cols-2 sm:p-5">
          <div className="min-w-0">
            <dt className="text-xs font-medium tracking-wide text-muted uppercase">Business name</dt>
            <dd className="mt-1 text-sm break-words">{merchant.name}</dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium tracking-wide text-muted uppercase">Email</dt>
            <dd className="mt-1 text-sm break-all">{merchant.email}</dd>
          </div>
          <div className="min-w-0 sm:col-span-2">
            <dt className="text-xs font-medium tracking-wide text-muted uppercase">Merchant ID</dt>
            <dd className="mt-1 font-mono text-[13px] break-all">{merchant.id}</dd>
          </div>
        </dl>
      </PageSection>

      <PageSection id="security" title="Security">
        <div className="divide-y divide-border rounded-xl border border-border bg-surface shadow-xs">
          <div className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5">
            <div className="min-w-0">
              <h3 className="text-sm font-medium">Two-factor authentication</h3>
              <p className="mt-1 text-sm text-muted" data-testid="two-factor-status">
                {twoFactor.enabled
                  ? `On: signing in asks for a code from your authenticator app. ${twoFactor.recoveryCodesLeft} of 10 recovery codes left.`
                  : "Off: signing in needs only your password. Add a code from an authenticator app."}
              </p>
            </div>
            {twoFactor.enabled ? <DisableTwoFactor /> : <EnableTwoFactor />}
          </div>
          <div className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5">
            <div className="min-w-0">
              <h3 className="text-sm font-medium">Password</h3>
              <p className="mt-1 text-sm text-muted">Changing it signs out every other session.</p>
            </div>
            <ChangePassword />
          </div>
          <div className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5">
            <div className="min-w-0">
              <h3 className="text-sm font-medium">Sessions</h3>
              <p className="mt-1 text-sm text-muted">Signed in on a shared or lost device? End every session at once.</p>
            </div>
            <SignOutEverywhere />
          </div>
          <SessionList />
        </div>
      </PageSection>

      <PageSection id="notifications" title="Notifications">
        <div className="space-y-4">
          <p className="text-sm text-muted">
            DashX tells you when an endpoint keeps failing, is paused or disabled, recovers or gives up on deliveries, and when your account&apos;s
            security changes. Choose where each one goes besides the dashboard.
          </p>
          <NotificationSettings initial={notificationSettings} />
          <div id="operational-webhook" className="scroll-mt-20">
            <Card>
              <OperationalWebhook initial={operational && toPublicOperationalWebhook(operational)} />
            </Card>
          </div>
        </div>
      </PageSection>

      <PageSection id="retention" title="Data retention">
        <div className="rounded-xl border border-border bg-surface p-4 text-sm shadow-xs sm:p-5">
          <p>
            Events, their deliveries and delivery attempts are kept for <strong className="font-semibold">{formatDuration(env().WEBHOOK_RETENTION)}</strong>,
            then removed. Deliveries still being sent or waiting for a retry are never removed.
          </p>
          <p className="mt-1 text-[13px] text-muted">
            Set for this DashX installation. Export anything you must keep longer through the Events API.
          </p>
        </div>
      </PageSection>

      <section aria-labelledby="api-keys">
        <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <div className="min-w-0">
            <h2 id="api-keys" className="text-base font-semibold">
              API keys
            </h2>
            <p className="mt-1 text-sm text-muted">
              Call the merchant API from your server with <Code>Authorization: Bearer dsk_…</Code>. Keys are stored hashed; only their
              prefix is shown.
            </p>
          </div>
          {keys.length > 0 && <CreateApiKey />}
        </div>
        {keys.length === 0 ? (
          <EmptyState id="api-keys-empty" icon={keyIcon} title="No API keys yet" action={<CreateApiKey />}>
            <p>
              An API key lets your own server manage webhooks and read events and deliveries without a dashboard login, for example{" "}
              <Code>curl -H &quot;Authorization: Bearer dsk_…&quot; /api/v1/webhooks</Code>.
            </p>
            <p>Each key is shown once when you create it. Revoke a key to cut off its access at once.</p>
          </EmptyState>
        ) : (
          <ApiKeysTable keys={keys} now={now} />
        )}
      </section>
    </>
  );
}
