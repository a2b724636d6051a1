// Two-factor setup: a pending secret, shown as a QR code and a setup key; two-factor stays off until
// enableTwoFactor confirms it with a first code. The TOTP secret is encrypted at rest with the same
// secret box as webhook secrets.
import { ApiError, invalidFields } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/crypto/password";
import { encrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { consume } from "@/lib/security/rate-limit";
import { twoFactorSetupSchema, type TwoFactorSetup } from "./public-account";
import { newTotpSecret, setupDetails } from "./totp";

/** Starts (or restarts) a setup: a new pending secret; two-factor stays off until a code confirms it. */
export async function startTwoFactorSetup(merchantId: string, input: { password: string }): Promise<TwoFactorSetup> {
  await consume("account", merchantId);
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { email: true, passwordHash: true, twoFactorEnabledAt: true } });
  if (merchant.twoFactorEnabledAt) throw new ApiError("conflict", "Two-factor authentication is already on; disable it first to set up a new app");
  if (!(await verifyPassword(input.password, merchant.passwordHash))) throw invalidFields({ password: "That password is not correct" });
  const secret = newTotpSecret();
  await db.merchant.update({ where: { id: merchantId }, data: { twoFactorPendingCiphertext: encrypt(secret) } });
  return twoFactorSetupSchema.parse({ secret, ...(await setupDetails(secret, merchant.email)) });
}
