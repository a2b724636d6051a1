// GET/POST /api/v1/webhooks : list and create the merchant's endpoints.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { createWebhookSchema } from "@/lib/validation/webhook";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json({ data: await listEndpoints(merchant.id) }));

export const POST = withMerchant(async ({ req, merchant, actor }) => {
  const input = await parseJsonBody(req, createWebhookSchema);
  return NextResponse.json(await createEndpoint(merchant.id, input, actor), { status: 201 });
});
