// GET /api/v1/events/{id} : one of the merchant's events, its payload and delivery status.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { getEvent } from "@/lib/events/get-event";

export const GET = withMerchant<{ id: string }>(async ({ merchant, params }) => NextResponse.json(await getEvent(merchant.id, params.id)));
