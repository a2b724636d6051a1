// POST /api/v1/operational-webhook/test {type?} : send one signed example notification now, report the outcome.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { operationalTestSchema } from "@/lib/validation/notifications";
import { testOperationalWebhook } from "@/lib/webhooks/test-operational-webhook";

export const POST = withMerchant(async ({ req, merchant, actor }) => {
  const { type } = await parseJsonBody(req, operationalTestSchema);
  return NextResponse.json(await testOperationalWebhook(merchant.id, type, actor));
});
