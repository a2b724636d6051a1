// GET/PATCH/DELETE /api/v1/webhooks/{id} : read, change or delete one endpoint.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { updateWebhookSchema } from "@/lib/validation/webhook";
import { deleteEndpoint } from "@/lib/webhooks/delete-endpoint";
import { toPublicEndpoint } from "@/lib/webhooks/public-endpoint";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { updateEndpoint } from "@/lib/webhooks/update-endpoint";

type Params = { id: string };

export const GET = withMerchant<Params>(async ({ merchant, params }) =>
  NextResponse.json(toPublicEndpoint(await getEndpointRow(merchant.id, params.id))),
);

export const PATCH = withMerchant<Params>(async ({ req, merchant, actor, params }) => {
  const input = await parseJsonBody(req, updateWebhookSchema);
  // The merchant's webhooks only: the operational webhook is changed through /api/v1/operational-webhook
  // (an endpoint's kind never changes, so this check cannot go stale before the update).
  await getEndpointRow(merchant.id, params.id);
  return NextResponse.json(await updateEndpoint(merchant.id, params.id, input, actor));
});

export const DELETE = withMerchant<Params>(async ({ merchant, actor, params }) => {
  await deleteEndpoint(merchant.id, params.id, actor);
  return new NextResponse(null, { status: 204 });
});
