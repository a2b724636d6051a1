import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { EventCatalog } from "@/components/developers/event-catalog";
import { PageHeader } from "@/components/dashboard/page-header";
import { Code } from "@/components/ui/code";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { eventTypes } from "@/lib/openapi/event-types";

export const metadata: Metadata = { title: "Event catalog" };

export default async function EventsCatalogPage() {
  await connection();
  if (!(await currentMerchant())) redirect("/login");
  return (
    <>
      <PageHeader title="Event catalog" description="Every event DashX sends to your endpoints: what it means, the schema of its data, and an example body exactly as delivered." />
      <p className="mb-6 text-sm text-muted">
        Each is a signed <Code>POST</Code> (Standard Webhooks headers <Code>webhook-id</Code>, <Code>webhook-timestamp</Code>,{" "}
        <Code>webhook-signature</Code>). As JSON: <Code>GET /api/v1/event-types</Code>, and in the OpenAPI document&apos;s <Code>webhooks</Code> section.
      </p>
      <EventCatalog types={eventTypes().data} />
    </>
  );
}
