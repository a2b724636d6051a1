// POST /api/v1/events : the payments core publishes an event (platform token). GET : the merchant's events.
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, handleApiError, parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/api/with-merchant";
import { env } from "@/lib/env";
import { idempotencyKeySchema, intakeSchema } from "@/lib/events/intake.schema";
import { listEvents, listEventsQuerySchema } from "@/lib/events/list-events";
import { publishEvent } from "@/lib/events/publish";
import { consume } from "@/lib/security/rate-limit";

// Fixed-length digests: timingSafeEqual needs equal byte lengths (a non-ASCII token of the right
// character count threw), and comparing lengths first told an attacker the token's length.
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

function assertPlatformToken(req: NextRequest): void {
  const expected = env().PLATFORM_API_TOKEN;
  const given = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  const ok = expected !== undefined && timingSafeEqual(digest(given), digest(expected));
  if (!ok) throw new ApiError("unauthorized", "A valid platform API token is required");
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
