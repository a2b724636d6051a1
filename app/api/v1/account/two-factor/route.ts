// GET /api/v1/account/two-factor : on or off. POST {password, code} : confirm the pending setup → 200 { recoveryCodes }
// (shown once); every other session of the merchant ends.
import { NextResponse } from "next/server";
import { ApiError, parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { enableTwoFactor } from "@/lib/auth/enable-two-factor";
import { twoFactorStatus } from "@/lib/auth/two-factor-status";
import { twoFactorCodeSchema } from "@/lib/validation/auth";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json(await twoFactorStatus(merchant.id)), { sessionOnly: true });

export const POST = withMerchant(async ({ req, merchant, actor, sessionId }) => {
  if (!sessionId) throw new ApiError("unauthorized", "This action needs a dashboard session, not an API key");
  const input = await parseJsonBody(req, twoFactorCodeSchema);
  return NextResponse.json(await enableTwoFactor(merchant.id, sessionId, input, actor));
}, { sessionOnly: true });
