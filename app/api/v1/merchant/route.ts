// GET /api/v1/merchant : the authenticated merchant.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json(merchant));
