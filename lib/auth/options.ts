// next-auth 4 credentials login. JWT sessions carry only the merchant id; every use re-reads the merchant.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { loginSchema } from "@/lib/validation/auth";
import { hashPassword, verifyPassword } from "./password";

// Compared against when the email is unknown, so response time does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

export async function authorizeCredentials(raw: unknown): Promise<{ id: string; name: string; email: string } | null> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const merchant = await db.merchant.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPassword(parsed.data.password, merchant?.passwordHash ?? (await (dummyHash ??= hashPassword("not-a-real-password"))));
  return merchant && ok ? { id: merchant.id, name: merchant.name, email: merchant.email } : null;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials) => authorizeCredentials(credentials),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, merchantId: token.sub };
      },
    },
  };
}
