// POST /api/login/precheck : the login page's first step. Checks email and password (rate limited like
// sign-in itself) and says whether an authentication code is needed. It creates no session: the
// sign-in proper (next-auth's callback) checks the password again, and the code, in one authorize().
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, handleApiError, parseJsonBody } from "@/lib/api/errors";
import { checkPassword } from "@/lib/auth/check-password";
import { loginPrecheckSchema } from "@/lib/auth/public-account";
import { clientIp, consume, emailAtAddress } from "@/lib/security/rate-limit";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { loginSchema } from "@/lib/validation/auth";

export async function POST(req: NextRequest) {
  try {
    assertSameOrigin(req);
    const ip = clientIp(req.headers);
    await consume("login_ip", ip);
    const input = await parseJsonBody(req, loginSchema);
    // Per (email, address): strangers' wrong passwords elsewhere never lock the owner out (see rate-limit.ts).
    await consume("login_email", emailAtAddress(input.email, ip));
    const merchant = await checkPassword(input);
    if (!merchant) throw new ApiError("unauthorized", "Incorrect email or password");
    return NextResponse.json(loginPrecheckSchema.parse({ twoFactor: merchant.twoFactorEnabledAt !== null }));
  } catch (error) {
    return handleApiError(error);
  }
}
