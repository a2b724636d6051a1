// /api/auth/* : next-auth's own routes (sign-in, sign-out, session, csrf), with sign-in attempts
// rate limited by client address and by email before next-auth sees them.
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { authOptions } from "@/lib/auth/options";
import { clientIp, consume } from "@/lib/security/rate-limit";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function limitSignIn(req: NextRequest): Promise<NextResponse | undefined> {
  try {
    await consume("login_ip", clientIp(req.headers));
    const form = await req.clone().formData().catch(() => undefined);
    const email = form?.get("email");
    if (typeof email === "string" && email) await consume("login_email", email.trim().toLowerCase());
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // next-auth's client reads `url` and takes the error from its query string.
    const url = new URL("/login?error=RateLimited", req.nextUrl.origin).toString();
    return NextResponse.json({ url, error: { code: error.code, message: error.message } }, { status: 429, headers: error.headers });
  }
}

const handler = async (req: NextRequest, ctx: Ctx) => {
  const { nextauth } = await ctx.params;
  if (req.method === "POST" && nextauth.join("/") === "callback/credentials") {
    const limited = await limitSignIn(req);
    if (limited) return limited;
  }
  return NextAuth(req, ctx, authOptions());
};

export { handler as GET, handler as POST };
