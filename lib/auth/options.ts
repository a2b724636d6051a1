// next-auth 4 credentials login. The session JWT carries the merchant id and the id of its AuthSession
// row; every use re-reads both (lib/auth/current-merchant.ts), so a revoked session ends at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { credentialsSchema } from "@/lib/validation/auth";
import { chargeFailure, clientIp } from "@/lib/security/rate-limit";
import { safeRedirect } from "./callback-url";
import { checkPassword } from "./check-password";
import { createSession, isSessionActive, revokeSession, SESSION_MAX_AGE_SECONDS, type SessionOrigin } from "./sessions";
import { verifySecondFactor } from "./verify-second-factor";

/**
 * The whole sign-in check: password, then, when two-factor is on, the code in the same request. This is
 * what next-auth's callback runs, so posting to /api/auth/callback/credentials directly cannot skip it.
 */
export async function authorizeCredentials(raw: unknown): Promise<{ id: string; name: string; email: string } | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const merchant = await checkPassword(parsed.data);
  if (!merchant) return null;
  if (merchant.twoFactorEnabledAt && !(await verifySecondFactor(merchant, parsed.data.code))) {
    // The password was right: only its holder spends the account's code budget (the route checks it first).
    await chargeFailure("login_code", merchant.email);
    return null;
  }
  return { id: merchant.id, name: merchant.name, email: merchant.email };
}

/**
 * The signing-in browser as the session list shows it: its User-Agent, and its address as the sign-in
 * limits see it (clientIp: scripts/serve.ts sets X-Forwarded-For from the socket, or appends the socket
 * to a trusted proxy's). next-auth hands authorize() the request's headers as a plain object.
 */
function originOf(headers: Record<string, unknown> | undefined): SessionOrigin {
  const h = new Headers();
  for (const [name, value] of Object.entries(headers ?? {})) if (typeof value === "string") h.set(name, value);
  const ip = clientIp(h);
  return { userAgent: h.get("user-agent")?.slice(0, 512) || null, ip: ip === "local" ? null : ip.slice(0, 64) };
}

/** What authorize() hands the jwt callback: the merchant, and where the sign-in came from. */
type SignedIn = { id: string; name: string; email: string; origin: SessionOrigin };
const isSignedIn = (user: object): user is SignedIn => "origin" in user;

/** Thrown by the session callback for a revoked or expired session row: next-auth then answers no session and clears the cookie. */
class EndedSession extends Error {}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    logger: {
      // An ended session is an expected answer (no session), not an error worth a stack trace in the log.
      error(code, metadata) {
        if (metadata instanceof EndedSession) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
        },
        authorize: async (credentials, req): Promise<SignedIn | null> => {
          const merchant = await authorizeCredentials(credentials);
          return merchant && { ...merchant, origin: originOf(req.headers) };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // `user` is set only at sign-in: that is when the session row is created.
        if (user) {
          token.sub = user.id;
          token.sid = await createSession(user.id, isSignedIn(user) ? user.origin : undefined);
        }
        return token;
      },
      // Every read of the session (GET /api/auth/session, getServerSession) checks its row, so a revoked
      // session (Log out elsewhere, Sign out of all sessions, password change) reads as signed out.
      async session({ session, token }) {
        if (typeof token.sub !== "string" || typeof token.sid !== "string" || !(await isSessionActive(token.sub, token.sid))) throw new EndedSession("session ended");
        return { ...session, merchantId: token.sub, sessionId: token.sid };
      },
      redirect: safeRedirect,
    },
    events: {
      // Log out: the cookie is cleared by next-auth, and the session row is revoked so a copy of the
      // cookie taken before is refused too.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(token.sid);
      },
    },
  };
}
