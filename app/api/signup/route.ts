// POST /api/signup : create a merchant account.
import { NextResponse } from "next/server";
import { handleApiError, parseJsonBody } from "@/lib/api/errors";
import { signUp } from "@/lib/merchants/signup";
import { signupSchema } from "@/lib/validation/auth";

export async function POST(req: Request) {
  try {
    const merchant = await signUp(await parseJsonBody(req, signupSchema));
    return NextResponse.json(merchant, { status: 201 });
  } catch (error) {
    return handleApiError(error);
  }
}
