// GET /api/v1/deliveries/{id} : one delivery with the exact request and response of every attempt.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { getDelivery } from "@/lib/delivery-log/get-delivery";

export const GET = withMerchant<{ id: string }>(async ({ merchant, params }) => NextResponse.json(await getDelivery(merchant.id, params.id)));
