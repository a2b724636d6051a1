// Wraps a merchant API route: resolves the merchant (session cookie), hands it to the handler, and
// sends every thrown error through handleApiError.
import type { NextRequest, NextResponse } from "next/server";
import { currentMerchant } from "@/lib/auth/current-merchant";
import type { PublicMerchant } from "@/lib/merchants/signup";
import { ApiError, handleApiError } from "./errors";

type Context<P> = { params: Promise<P> };
type Handler<P> = (args: { req: NextRequest; merchant: PublicMerchant; params: P }) => Promise<NextResponse | Response>;

export function withMerchant<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: Context<P>): Promise<NextResponse | Response> => {
    try {
      const merchant = await currentMerchant();
      if (!merchant) throw new ApiError("unauthorized", 401, "Log in or send a valid API key");
      return await handler({ req, merchant, params: await ctx.params });
    } catch (error) {
      return handleApiError(error);
    }
  };
}
