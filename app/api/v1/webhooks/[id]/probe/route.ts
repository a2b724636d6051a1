// POST /api/v1/webhooks/{id}/probe : one request signed with a wrong secret; does the receiver accept it?
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { probeSignature } from "@/lib/webhooks/probe-signature";

export const POST = withMerchant<{ id: string }>(async ({ merchant, actor, params }) =>
  NextResponse.json(await probeSignature(merchant.id, params.id, actor)),
);
