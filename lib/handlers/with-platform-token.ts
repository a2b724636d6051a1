// Wraps a platform route (the payments core's intake): checks `Authorization: Bearer $PLATFORM_API_TOKEN`,
// spends the intake budget, and sends every thrown error through handleApiError.
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { ApiError, handleApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
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

export function withPlatformToken(handler: (req: NextRequest) => Promise<NextResponse | Response>) {
  return async (req: NextRequest): Promise<NextResponse | Response> => {
    try {
      assertPlatformToken(req);
      await consume("intake", "platform");
      return await handler(req);
    } catch (error) {
      return handleApiError(error);
    }
  };
}
