// GET /api/v1/account/two-factor : on or off. POST {code} : confirm the pending setup → 200 { recoveryCodes } (shown once).
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { enableTwoFactor } from "@/lib/auth/enable-two-factor";
import { twoFactorStatus } from "@/lib/auth/two-factor-status";
import { twoFactorCodeSchema } from "@/lib/validation/auth";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json(await twoFactorStatus(merchant.id)), { sessionOnly: true });

export const POST = withMerchant(async ({ req, merchant, actor }) => {
  const { code } = await parseJsonBody(req, twoFactorCodeSchema);
  return NextResponse.json(await enableTwoFactor(merchant.id, code, actor));
}, { sessionOnly: true });
