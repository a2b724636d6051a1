// GET/POST /api/v1/api-keys : list and create merchant API keys (dashboard session only).
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { createApiKeySchema } from "@/lib/validation/api-keys";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json({ data: await listApiKeys(merchant.id) }), { sessionOnly: true });

export const POST = withMerchant(async ({ req, merchant, actor }) => {
  const input = await parseJsonBody(req, createApiKeySchema);
  return NextResponse.json(await createApiKey(merchant.id, input, actor), { status: 201 });
}, { sessionOnly: true });
