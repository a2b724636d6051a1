// Wraps a merchant API route: authenticates (dashboard session cookie, or `Authorization: Bearer
// <API key>`), applies the CSRF and rate-limit guards, hands the handler the merchant and the actor
// for the audit log, and sends every thrown error through handleApiError.
import type { NextRequest, NextResponse } from "next/server";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { Actor } from "@/lib/audit/record-audit";
import { currentSession } from "@/lib/auth/current-merchant";
import { getMerchant } from "@/lib/merchants/get-merchant";
import type { PublicMerchant } from "@/lib/merchants/public-merchant";
import { consume } from "@/lib/security/rate-limit";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { ApiError, handleApiError } from "@/lib/api/errors";

type Context<P> = { params: Promise<P> };
/** sessionId: the dashboard session's row (null for API keys), for routes that end other sessions. */
type HandlerArgs<P> = { req: NextRequest; merchant: PublicMerchant; actor: Actor; params: P; sessionId: string | null };
type Handler<P> = (args: HandlerArgs<P>) => Promise<NextResponse | Response>;
type Options = { sessionOnly?: boolean };

const unauthorized = () => new ApiError("unauthorized", "Log in or send a valid API key");

type Authenticated = { merchant: PublicMerchant; actor: Actor; sessionId: string | null };

async function authenticate(req: NextRequest, { sessionOnly }: Options): Promise<Authenticated> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    if (sessionOnly) throw new ApiError("unauthorized", "This action needs a dashboard session, not an API key");
    const key = await authenticateApiKey(bearer);
    const merchant = key && (await getMerchant(key.merchantId));
    if (!key || !merchant) throw unauthorized();
    await consume("api_key", key.prefix);
    return { merchant, actor: `api_key:${key.prefix}`, sessionId: null };
  }
  const session = await currentSession();
  if (!session) throw unauthorized();
  assertSameOrigin(req);
  return { merchant: session.merchant, actor: `merchant:${session.merchant.email}`, sessionId: session.sessionId };
}

export function withMerchant<P = Record<string, never>>(handler: Handler<P>, options: Options = {}) {
  return async (req: NextRequest, ctx: Context<P>): Promise<NextResponse | Response> => {
    try {
      const { merchant, actor, sessionId } = await authenticate(req, options);
      return await handler({ req, merchant, actor, sessionId, params: await ctx.params });
    } catch (error) {
      return handleApiError(error);
    }
  };
}
