// POST /api/v1/account/password : change the password (dashboard session only); ends every other session.
import { NextResponse } from "next/server";
import { ApiError, parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { changePassword } from "@/lib/auth/change-password";
import { changePasswordSchema } from "@/lib/validation/auth";

export const POST = withMerchant(async ({ req, merchant, actor, sessionId }) => {
  if (!sessionId) throw new ApiError("unauthorized", "This action needs a dashboard session, not an API key");
  const input = await parseJsonBody(req, changePasswordSchema);
  return NextResponse.json(await changePassword(merchant.id, sessionId, input, actor));
}, { sessionOnly: true });
