// GET /api/v1/webhooks/{id}/deliveries : the endpoint's deliveries, newest first, cursor-paginated.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { listDeliveriesQuerySchema } from "@/lib/validation/deliveries";

export const GET = withMerchant<{ id: string }>(async ({ req, merchant, params }) => {
  const query = listDeliveriesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listDeliveries(merchant.id, params.id, query));
});
