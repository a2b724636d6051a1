// Email and password only: the first half of sign-in (next-auth's authorize, lib/auth/options.ts) and the
// login page's pre-check (app/api/login/precheck) both call this.
import { db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import { loginSchema } from "@/lib/validation/auth";

// Compared against when the email is unknown, so response time does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

type CheckedMerchant = { id: string; name: string; email: string; twoFactorSecretCiphertext: string | null; twoFactorLastStep: number | null; twoFactorEnabledAt: Date | null };

/** The merchant whose email and password these are, or null. */
export async function checkPassword(raw: unknown): Promise<CheckedMerchant | null> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const merchant = await db.merchant.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPassword(parsed.data.password, merchant?.passwordHash ?? (await (dummyHash ??= hashPassword("not-a-real-password"))));
  return merchant && ok ? merchant : null;
}
