import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { PageSection } from "@/components/dashboard/page-section";
import { DeliveryLog } from "@/components/deliveries/delivery-log";
import { STATUS_FILTERS } from "@/components/deliveries/types";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { FilterLinks } from "@/components/ui/filter-links";
import { RelativeTime } from "@/components/ui/relative-time";
import { AttemptsChart } from "@/components/webhooks/attempts-chart";
import { AuditLog } from "@/components/webhooks/audit-log";
import { CustomHeadersCard } from "@/components/webhooks/custom-headers-card";
import { RecoverDeliveries } from "@/components/webhooks/recover-deliveries";
import { SignatureCheck } from "@/components/webhooks/signature-check";
import { EndpointControls } from "@/components/webhooks/endpoint-controls";
import { HealthNotice } from "@/components/webhooks/endpoint-health";
import { EnableEndpointButton } from "@/components/webhooks/endpoint-status";
import { EventFilterForm } from "@/components/webhooks/event-filter-form";
import { RotateSecret } from "@/components/webhooks/rotate-secret";
import { listAudit } from "@/lib/audit/list-audit";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { endpointWindowStats } from "@/lib/delivery-log/attempt-stats";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { deliveryStatusSchema } from "@/lib/validation/deliveries";
import { formatDuration } from "@/lib/duration";
import { env } from "@/lib/env";
import { statsQuerySchema } from "@/lib/validation/operations";
import { toPublicEndpoint } from "@/lib/webhooks/public-endpoint";
import { endpointState, formatSuccessRate } from "@/lib/webhooks/endpoint-state";
import { failuresInARow } from "@/lib/webhooks/failures-in-a-row";
import { endpointOr404 } from "./find-endpoint";

export const metadata: Metadata = { title: "Webhook endpoint" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The API's own query schemas; an unknown value shows the default view rather than an error page.
const statusParam = deliveryStatusSchema.optional().catch(undefined);
const windowParam = statsQuerySchema.shape.window.catch("24h");

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
      <dd className="mt-1 text-sm">{children}</dd>
    </div>
  );
}

export default async function EndpointPage({ params, searchParams }: Props) {
  await connection();
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  const { id } = await params;
  const row = await endpointOr404(merchant.id, id);
  const endpoint = toPublicEndpoint(row);
  const query = await searchParams;
  const status = statusParam.parse(query.status);
  const window = windowParam.parse(query.window);
  const [deliveries, audit, day, health, failures] = await Promise.all([
    listDeliveries(merchant.id, id, { status, limit: 25 }),
    listAudit(merchant.id, id),
    endpointWindowStats(merchant.id, id, "24h"),
    endpointWindowStats(merchant.id, id, window),
    failuresInARow(merchant.id, id),
  ]);
  const now = new Date();
  const state = endpointState(endpoint, failures);
  const overlap = formatDuration(env().WEBHOOK_SECRET_ROTATION_OVERLAP);
  const previousSigns = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null;
  const base = `/webhooks/${id}`;

  return (
    <>
      <Link href="/webhooks" className="mb-4 inline-flex items-center gap-1 text-[13px] font-medium text-muted hover:text-fg">
        <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M10 4 6 8l4 4" />
        </svg>
        Webhooks
      </Link>
      <header className="mb-6 flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-muted uppercase">Webhook endpoint</p>
          <h1 className="mt-1 font-mono text-lg font-semibold break-all sm:text-xl">{endpoint.url}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-muted">
            {endpoint.status === "enabled" ? <Badge tone="success">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}
            {(state === "paused" || state === "failing") && <Badge tone="danger">Failing</Badge>}
            {endpoint.description && <span className="break-words">{endpoint.description}</span>}
          </div>
        </div>
        <EndpointControls endpoint={endpoint} />
      </header>

      {endpoint.status === "disabled" && (
        <div role="note" aria-label="Endpoint disabled" className="mb-6 flex flex-col gap-3 rounded-xl border border-warning/40 bg-warning-soft px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0 text-sm">
            <p className="font-semibold text-warning">This endpoint is disabled</p>
            <p className="mt-0.5 break-words text-fg">{endpoint.disabledReason ?? "Disabled"}</p>
            <p className="mt-0.5 text-[13px] text-muted">It receives no events until you enable it again.</p>
          </div>
          <EnableEndpointButton endpoint={endpoint} />
        </div>
      )}

      <HealthNotice endpoint={endpoint} failures={failures} since={row.failingSince?.toISOString() ?? null} />

      <dl className="mb-8 grid grid-cols-2 gap-4 rounded-xl border border-border bg-surface p-4 shadow-xs sm:grid-cols-4">
        <Fact label="Success rate (24 h)">
          <span className={day.successRate === null ? "text-muted" : undefined}>{formatSuccessRate(day.successRate)}</span>
        </Fact>
        <Fact label="Events">{endpoint.eventTypes.length ? endpoint.eventTypes.map((t) => t.replace("checkout_session.", "")).join(", ") : "All events"}</Fact>
        <Fact label="Created">
          <RelativeTime iso={endpoint.createdAt} now={now} />
        </Fact>
        <Fact label="Updated">
          <RelativeTime iso={endpoint.updatedAt} now={now} />
        </Fact>
      </dl>

      <section aria-labelledby="delivery-health" className="mb-10">
        <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="delivery-health" className="text-base font-semibold">
            Delivery health
          </h2>
          <div className="flex flex-wrap items-center gap-2">
            <FilterLinks
              label="Chart period"
              options={[
                { label: "24 hours", value: "24h" },
                { label: "7 days", value: "7d" },
              ].map((w) => ({
                label: w.label,
                href: `${base}?${new URLSearchParams({ ...(status && { status }), ...(w.value !== "24h" && { window: w.value }) })}`.replace(/\?$/, ""),
                active: w.value === window,
              }))}
            />
            <RecoverDeliveries endpointId={endpoint.id} />
          </div>
        </div>
        <Card>
          <AttemptsChart stats={health} window={window} />
        </Card>
      </section>

      <PageSection id="settings" title="Settings">
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <EventFilterForm key={endpoint.eventTypes.join(",")} endpoint={endpoint} />
          </Card>
          <Card>
            <h3 className="text-sm font-medium">Signing secret</h3>
            <p className="mt-1 text-[13px] text-muted">
              Every delivery is signed with this endpoint&apos;s secret (Standard Webhooks). It was shown once, when you created the endpoint or
              last rotated it. Rotate it if it may have leaked: the old secret keeps signing for {overlap} so you can switch without dropping
              events.
            </p>
            {previousSigns && (
              <p className="mt-2 text-[13px] text-warning">
                Rotation in progress: the previous secret also signs until <RelativeTime iso={previousSigns} now={now} />.
              </p>
            )}
            <div className="mt-3">
              <RotateSecret endpointId={endpoint.id} overlap={overlap} />
            </div>
          </Card>
          <Card>
            <SignatureCheck endpoint={endpoint} />
          </Card>
          <Card>
            <CustomHeadersCard endpoint={endpoint} />
          </Card>
        </div>
      </PageSection>

      <div className="mb-10">
        <DeliveryLog
          key={status ?? "all"}
          endpointId={endpoint.id}
          endpointUrl={endpoint.url}
          status={status}
          initial={deliveries}
          renderedAt={now.toISOString()}
          pausedUntil={endpoint.status === "enabled" ? endpoint.health.pausedUntil : null}
          filters={
            <FilterLinks
              label="Filter deliveries by status"
              options={STATUS_FILTERS.map((f) => ({ label: f.label, href: f.value ? `${base}?status=${f.value}` : base, active: f.value === status }))}
            />
          }
        />
      </div>

      <AuditLog entries={audit} now={now} />
    </>
  );
}
