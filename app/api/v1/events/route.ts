// POST /api/v1/events : the payments core publishes an event (platform token). GET : the merchant's events.
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, handleApiError, parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/api/with-merchant";
import { env } from "@/lib/env";
import { idempotencyKeySchema, intakeSchema } from "@/lib/events/intake.schema";
import { listEvents, listEventsQuerySchema } from "@/lib/events/list-events";
import { publishEvent } from "@/lib/events/publish";
import { bearerTokenMatches } from "@/lib/security/bearer-token";
import { consume } from "@/lib/security/rate-limit";

function assertPlatformToken(req: NextRequest): void {
  if (!bearerTokenMatches(req.headers.get("authorization"), env().PLATFORM_API_TOKEN)) {
    throw new ApiError("unauthorized", 401, "A valid platform API token is required");
  }
}

export async function POST(req: NextRequest) {
  try {
    assertPlatformToken(req);
    await consume("intake", "platform");
    const idempotencyKey = idempotencyKeySchema.parse(req.headers.get("idempotency-key") ?? undefined);
    const input = await parseJsonBody(req, intakeSchema);
    // publishEvent answers 404 for an unknown merchant and 409 for a reused key, inside its one transaction.
    const result = await publishEvent({ ...input, idempotencyKey });
    return NextResponse.json({ id: result.id, deliveries: result.deliveries }, { status: 202 });
  } catch (error) {
    return handleApiError(error);
  }
}

export const GET = withMerchant(async ({ req, merchant }) => {
  const query = listEventsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listEvents(merchant.id, query));
});
