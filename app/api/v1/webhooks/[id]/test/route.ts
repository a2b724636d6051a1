// POST /api/v1/webhooks/{id}/test : send one signed sample event now and report the outcome.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { testEventSchema } from "@/lib/validation/webhook";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const POST = withMerchant<{ id: string }>(async ({ req, merchant, actor, params }) => {
  const { type } = await parseJsonBody(req, testEventSchema);
  return NextResponse.json(await sendTestEvent(merchant.id, params.id, type, actor));
});
