// POST /api/v1/webhooks/{id}/test : send one signed sample event now and report the outcome.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/api/with-merchant";
import { testEventSchema } from "@/lib/validation/webhook";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const POST = withMerchant<{ id: string }>(async ({ req, merchant, actor, params }) => {
  const { type } = await parseJsonBody(req, testEventSchema);
  const result = await sendTestEvent(merchant.id, params.id, type, actor);
  return NextResponse.json({
    delivered: result.delivered,
    statusCode: result.statusCode,
    durationMs: result.durationMs,
    responseBody: result.responseBody,
    error: result.error,
    errorKind: result.errorKind,
    eventId: result.eventId,
  });
});
