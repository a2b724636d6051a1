import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { CreateWebhook } from "@/components/webhooks/create-webhook";
import { WebhooksEmptyState } from "@/components/webhooks/empty-state";
import { EndpointsTable } from "@/components/webhooks/endpoints-table";
import { PageHeader } from "@/components/dashboard/page-header";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { endpointWindowStats } from "@/lib/delivery-log/attempt-stats";
import { env } from "@/lib/env";
import { limitMessage } from "@/lib/webhooks/endpoint-limit";
import { failuresInARow } from "@/lib/webhooks/failures-in-a-row";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhooksPage() {
  await connection();
  // The layout checks too, but a page is its own entry point: never render data without a session.
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  const endpoints = await listEndpoints(merchant.id);
  // At most a handful of endpoints, each one covering-index read. The success rate is the attempts' share
  // (the endpoint page shows the same figure), so an endpoint whose deliveries all retry reads 0%, not "—".
  const stats = await Promise.all(
    endpoints.map(async (e) => [e.id, await endpointWindowStats(merchant.id, e.id, "24h"), await failuresInARow(merchant.id, e.id)] as const),
  );
  const successRates = Object.fromEntries(stats.map(([id, s]) => [id, s.successRate]));
  const p95 = Object.fromEntries(stats.map(([id, s]) => [id, s.p95Ms]));
  const failures = Object.fromEntries(stats.map(([id, , n]) => [id, n]));
  const max = env().WEBHOOK_MAX_ENDPOINTS;
  const atLimit = endpoints.length >= max;

  return (
    <>
      <PageHeader
        title="Webhook"
        description="Signed JSON POSTs to your server for every checkout session event."
        action={
          <div className="flex flex-col items-start gap-1.5 sm:items-end">
            <CreateWebhook disabled={atLimit} describedBy="webhook-usage" />
            <p id="webhook-usage" className="text-[13px] text-muted sm:text-right">
              {endpoints.length} of {max} endpoints used
              {atLimit && <span className="block font-medium text-warning">{limitMessage(max)}</span>}
            </p>
          </div>
        }
      />
      {endpoints.length === 0 ? (
        <WebhooksEmptyState />
      ) : (
        <>
          <h2 className="mb-3 text-sm font-semibold">Endpoints</h2>
          <EndpointsTable endpoints={endpoints} successRates={successRates} p95={p95} failures={failures} />
          <p className="mt-3 text-[13px] text-muted touch:hidden">
            Open an endpoint for its delivery log and settings. Hover over it (or tab to it) to send a test event, edit or delete it.
          </p>
        </>
      )}
    </>
  );
}
