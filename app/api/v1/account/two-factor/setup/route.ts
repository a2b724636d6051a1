// POST /api/v1/account/two-factor/setup : a new authenticator secret → { secret, uri, qrSvg }; two-factor stays off until confirmed.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { startTwoFactorSetup } from "@/lib/auth/start-two-factor-setup";

export const POST = withMerchant(async ({ merchant }) => NextResponse.json(await startTwoFactorSetup(merchant.id)), { sessionOnly: true });
