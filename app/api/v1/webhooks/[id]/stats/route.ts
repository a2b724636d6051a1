// GET /api/v1/webhooks/{id}/stats?window=24h|7d : attempts per bucket, success rate, p50/p95 latency.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { endpointWindowStats } from "@/lib/delivery-log/attempt-stats";
import { statsQuerySchema } from "@/lib/validation/operations";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";

export const GET = withMerchant<{ id: string }>(async ({ req, merchant, params }) => {
  const { window } = statsQuerySchema.parse({ window: req.nextUrl.searchParams.get("window") ?? undefined });
  const endpoint = await getEndpointRow(merchant.id, params.id);
  return NextResponse.json(await endpointWindowStats(merchant.id, endpoint.id, window));
});
