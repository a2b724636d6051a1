// Wraps a platform route (the payments core's intake): checks `Authorization: Bearer $PLATFORM_API_TOKEN`,
// spends the intake budget, and sends every thrown error through handleApiError.
import type { NextRequest, NextResponse } from "next/server";
import { ApiError, handleApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { bearerTokenMatches } from "@/lib/security/bearer-token";
import { consume } from "@/lib/security/rate-limit";

function assertPlatformToken(req: NextRequest): void {
  if (!bearerTokenMatches(req.headers.get("authorization"), env().PLATFORM_API_TOKEN)) throw new ApiError("unauthorized", "A valid platform API token is required");
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
