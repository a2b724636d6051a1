// POST /api/signup : create a merchant account.
import { NextResponse } from "next/server";
import { handleApiError, parseJsonBody } from "@/lib/api/errors";
import { signUp } from "@/lib/merchants/signup";
import { clientIp, consume } from "@/lib/security/rate-limit";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { signupSchema } from "@/lib/validation/auth";

export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    await consume("signup_ip", clientIp(req.headers));
    const merchant = await signUp(await parseJsonBody(req, signupSchema));
    return NextResponse.json(merchant, { status: 201 });
  } catch (error) {
    return handleApiError(error);
  }
}
