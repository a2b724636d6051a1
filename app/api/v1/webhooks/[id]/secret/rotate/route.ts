// POST /api/v1/webhooks/{id}/secret/rotate : new secret, shown once; the old one signs for 24 h more.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { rotateSecret } from "@/lib/webhooks/rotate-secret";

export const POST = withMerchant<{ id: string }>(async ({ merchant, actor, params }) => NextResponse.json(await rotateSecret(merchant.id, params.id, actor)));
