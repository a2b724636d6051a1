// POST /api/v1/account/two-factor/setup {password} : a new authenticator secret → { secret, uri, qrSvg }; two-factor stays off until confirmed.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { startTwoFactorSetup } from "@/lib/auth/start-two-factor-setup";
import { twoFactorSetupSchema } from "@/lib/validation/auth";

export const POST = withMerchant(
  async ({ req, merchant }) => NextResponse.json(await startTwoFactorSetup(merchant.id, await parseJsonBody(req, twoFactorSetupSchema))),
  { sessionOnly: true },
);
