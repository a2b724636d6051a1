// DELETE /api/v1/api-keys/{id} : revoke a key; requests using it are refused at once.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

export const DELETE = withMerchant<{ id: string }>(async ({ merchant, actor, params }) => {
  await revokeApiKey(merchant.id, params.id, actor);
  return new NextResponse(null, { status: 204 });
}, { sessionOnly: true });
