// GET/PUT/DELETE /api/v1/operational-webhook : the merchant's one endpoint for notification kinds.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { operationalWebhookSchema } from "@/lib/validation/notifications";
import { deleteOperationalWebhook } from "@/lib/webhooks/delete-operational-webhook";
import { getOperationalWebhook } from "@/lib/webhooks/get-operational-webhook";
import { putOperationalWebhook } from "@/lib/webhooks/put-operational-webhook";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json(await getOperationalWebhook(merchant.id)));

export const PUT = withMerchant(async ({ req, merchant, actor }) => {
  const input = await parseJsonBody(req, operationalWebhookSchema);
  return NextResponse.json(await putOperationalWebhook(merchant.id, input, actor));
});

export const DELETE = withMerchant(async ({ merchant, actor }) => {
  await deleteOperationalWebhook(merchant.id, actor);
  return new NextResponse(null, { status: 204 });
});
