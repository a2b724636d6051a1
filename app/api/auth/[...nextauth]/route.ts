// /api/auth/* : next-auth's own routes (sign-in, sign-out, session, csrf), with sign-in attempts
// rate limited by client address, by email and (for two-factor codes) by email again, before next-auth sees them.
import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { authOptions } from "@/lib/auth/options";
import { clientIp, consume, refund } from "@/lib/security/rate-limit";
import { emailSchema } from "@/lib/validation/auth";

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * The credentials body read the way next-auth 4.24 reads it (next-auth/next/utils.js getBody: JSON, or a
 * form where a repeated field keeps its last value; anything else is no body).
 */
async function readBody(req: NextRequest): Promise<Record<string, unknown> | undefined> {
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const json: unknown = await req.json();
      return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
    }
    if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(await req.text()));
  } catch {
    return undefined; // malformed: authorize() gets nothing and refuses
  }
  return undefined;
}

async function limitSignIn(req: NextRequest, body: Record<string, unknown> | undefined): Promise<NextResponse | undefined> {
  try {
    await consume("login_ip", clientIp(req.headers));
    const email = emailSchema.safeParse(body?.email);
    if (email.success) {
      await consume("login_email", email.data);
      if (body?.code !== undefined) await consume("login_code", email.data);
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // next-auth's client reads `url` and takes the error from its query string.
    const url = new URL("/login?error=RateLimited", req.nextUrl.origin).toString();
    return NextResponse.json({ url, error: { code: error.code, message: error.message } }, { status: 429, headers: error.headers });
  }
}

const issuedSession = (res: Response) => res.headers.getSetCookie().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]+/.test(c));

const handler = async (req: NextRequest, ctx: Ctx) => {
  const { nextauth } = await ctx.params;
  if (req.method === "POST" && nextauth.join("/") === "callback/credentials") {
    const body = await readBody(req);
    const limited = await limitSignIn(req, body);
    if (limited) return limited;
    // next-auth is handed exactly the object the limit was keyed on, re-encoded as JSON, so no spelling
    // of the body (JSON, repeated fields, a decoy email) can make the two read different emails.
    const headers = new Headers(req.headers);
    headers.set("content-type", "application/json");
    headers.delete("content-length");
    const canonical = new NextRequest(req.url, { method: "POST", headers, body: JSON.stringify(body ?? {}) });
    const res = await NextAuth(canonical, ctx, authOptions());
    // Signed in: this sign-in's points (the pre-check's and the callback's) come back, so a merchant is
    // never locked out by signing in often. "Signed in" is a session cookie issued, nothing less: next-auth
    // also answers 200 to a request it refused for its CSRF token.
    const email = emailSchema.safeParse(body?.email);
    if (email.success && issuedSession(res)) {
      await refund("login_email", email.data, 2);
      if (body?.code !== undefined) await refund("login_code", email.data, 1);
    }
    return res;
  }
  return NextAuth(req, ctx, authOptions());
};

export { handler as GET, handler as POST };
