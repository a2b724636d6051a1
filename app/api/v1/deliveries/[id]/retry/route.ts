// POST /api/v1/deliveries/{id}/retry : queue the delivery to be sent again now.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { retryDelivery } from "@/lib/delivery-log/retry-delivery";

export const POST = withMerchant<{ id: string }>(async ({ merchant, actor, params }) =>
  NextResponse.json(await retryDelivery(merchant.id, params.id, actor), { status: 202 }),
);
