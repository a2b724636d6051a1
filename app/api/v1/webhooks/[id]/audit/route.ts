// GET /api/v1/webhooks/{id}/audit : who changed this endpoint, and when.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { listAudit } from "@/lib/audit/list-audit";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";

export const GET = withMerchant<{ id: string }>(async ({ merchant, params }) => {
  await getEndpointRow(merchant.id, params.id);
  return NextResponse.json({ data: await listAudit(merchant.id, params.id) });
});
