import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { ApiReference } from "@/components/developers/api-reference";
import { PageHeader } from "@/components/dashboard/page-header";
import { Code } from "@/components/ui/code";
import { currentMerchant } from "@/lib/auth/current-merchant";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await connection();
  if (!(await currentMerchant())) redirect("/login");
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every route of the DashX Webhooks API, its parameters, errors and examples, from the OpenAPI 3.1 document the server validates with."
      />
      <p className="mb-6 text-sm text-muted">
        The document: <Code>GET /api/v1/openapi.json</Code> (for client generators, Postman or an agent). Requests you try here use your dashboard
        session; from a server, send <Code>Authorization: Bearer dsk_…</Code> with a key from Settings.
      </p>
      <ApiReference documentUrl="/api/v1/openapi.json" />
    </>
  );
}
