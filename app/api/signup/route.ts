// POST /api/signup : create a merchant account. A new email and one that already has an account get the
// same answer (status, body and, since the password is hashed before the insert in both, time), so sign-up
// cannot be used to learn who has an account; the form then signs in, and says neutrally when it cannot.
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError, handleApiError, parseJsonBody } from "@/lib/api/errors";
import { signUp } from "@/lib/merchants/signup";
import { clientIp, consume } from "@/lib/security/rate-limit";
import { assertSameOrigin } from "@/lib/security/same-origin";
import { signupSchema } from "@/lib/validation/auth";

const signupAnswerSchema = z.object({ email: z.string() });

export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    await consume("signup_ip", clientIp(req.headers));
    const input = await parseJsonBody(req, signupSchema);
    try {
      await signUp(input);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "conflict")) throw error;
    }
    return NextResponse.json(signupAnswerSchema.parse({ email: input.email }), { status: 201 });
  } catch (error) {
    return handleApiError(error);
  }
}
