// POST /api/v1/account/two-factor/disable {password, code} : turn two-factor off (204).
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { disableTwoFactor } from "@/lib/auth/disable-two-factor";
import { disableTwoFactorSchema } from "@/lib/validation/auth";

export const POST = withMerchant(async ({ req, merchant, actor }) => {
  await disableTwoFactor(merchant.id, await parseJsonBody(req, disableTwoFactorSchema), actor);
  return new Response(null, { status: 204 });
}, { sessionOnly: true });
