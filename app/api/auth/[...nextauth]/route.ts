// /api/auth/* : next-auth's own routes (sign-in, sign-out, session, csrf), with sign-in attempts rate
// limited by client address and by (email, client address) before next-auth sees them; wrong two-factor
// codes are counted per account by authorize() itself (lib/auth/options.ts), and checked here first.
// A callbackUrl that is not an http(s) URL (query or cookie) is dropped before next-auth sees it (it would
// answer 500), and one that is not ours sends the browser to the home page (options.ts).
import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextRequest, NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { isHttpCallbackUrl } from "@/lib/auth/callback-url";
import { authOptions } from "@/lib/auth/options";
import { assertNotExhausted, clientIp, consume, emailAtAddress, refund } from "@/lib/security/rate-limit";
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
    const ip = clientIp(req.headers);
    await consume("login_ip", ip);
    const email = emailSchema.safeParse(body?.email);
    if (email.success) {
      await consume("login_email", emailAtAddress(email.data, ip));
      await assertNotExhausted("login_code", email.data);
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

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** The request without a callbackUrl next-auth would choke on: the cookie deleted (in this request and the browser), the query parameter removed. */
async function dropBadCallbackUrl(req: NextRequest): Promise<NextRequest> {
  const origin = req.nextUrl.origin;
  const jar = await cookies();
  for (const name of CALLBACK_COOKIES) {
    const value = jar.get(name)?.value;
    if (value !== undefined && !isHttpCallbackUrl(value, origin)) jar.delete(name);
  }
  const query = req.nextUrl.searchParams.get("callbackUrl");
  if (query === null || isHttpCallbackUrl(query, origin)) return req;
  const url = new URL(req.url);
  url.searchParams.delete("callbackUrl");
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.text();
  return new NextRequest(url, { method: req.method, headers: req.headers, body });
}

const notFound = () => NextResponse.json({ error: { code: "not_found", message: "Not found" } }, { status: 404 });

const handler = async (incoming: NextRequest, ctx: Ctx) => {
  const { nextauth } = await ctx.params;
  // next-auth reads only the first two segments (action, provider): `callback/credentials/x` would sign
  // in like `callback/credentials`. No route of its has more, so a longer path is refused outright, and
  // every POST to a callback (whatever its provider spelling) goes through the limits below.
  if (nextauth.length > 2) return notFound();
  const req = await dropBadCallbackUrl(incoming);
  if (req.method === "POST" && nextauth[0] === "callback") {
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
    // Signed in: this sign-in's points (the pre-check's and the callback's) come back, so only failures
    // count and a merchant is never locked out by signing in often. "Signed in" is a session cookie
    // issued, nothing less: next-auth also answers 200 to a request it refused for its CSRF token.
    const email = emailSchema.safeParse(body?.email);
    if (email.success && issuedSession(res)) await refund("login_email", emailAtAddress(email.data, clientIp(req.headers)), 2);
    return res;
  }
  return NextAuth(req, ctx, authOptions());
};

export { handler as GET, handler as POST };
