// POST /api/v1/events : the payments core publishes an event (platform token). GET : the merchant's events.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { listEvents } from "@/lib/events/list-events";
import { publishedEventSchema } from "@/lib/events/public-published-event";
import { publishEvent } from "@/lib/events/publish";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { withPlatformToken } from "@/lib/handlers/with-platform-token";
import { listEventsQuerySchema } from "@/lib/validation/events";
import { idempotencyKeySchema, intakeSchema } from "@/lib/validation/intake";

export const POST = withPlatformToken(async (req) => {
  const idempotencyKey = idempotencyKeySchema.parse(req.headers.get("idempotency-key") ?? undefined);
  const input = await parseJsonBody(req, intakeSchema);
  // publishEvent answers 404 for an unknown merchant and 409 for a reused key, inside its one transaction.
  const result = await publishEvent({ ...input, idempotencyKey });
  return NextResponse.json(publishedEventSchema.parse(result), { status: 202 });
});

export const GET = withMerchant(async ({ req, merchant }) => {
  const query = listEventsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listEvents(merchant.id, query));
});
