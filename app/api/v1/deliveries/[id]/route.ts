// GET /api/v1/deliveries/{id} : one delivery with the exact request and response of its newest attempts (?attemptsCursor= for older).
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { getDelivery } from "@/lib/delivery-log/get-delivery";

export const GET = withMerchant<{ id: string }>(async ({ req, merchant, params }) =>
  NextResponse.json(await getDelivery(merchant.id, params.id, Object.fromEntries(req.nextUrl.searchParams))),
);
