// The second factor at sign-in (and when disabling two-factor): a TOTP code or a recovery code.
import { invalidFields } from "@/lib/api/errors";
import { decrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { useRecoveryCode } from "./recovery-codes";
import { totpStep } from "./totp";

/** The 422 for a code that does not verify. */
export const wrongCode = () => invalidFields({ code: "That authentication code is not valid. Use the current code from your app." });

export type SecondFactorRow = { id: string; twoFactorSecretCiphertext: string | null; twoFactorLastStep: number | null };

/**
 * Checks a sign-in's second factor: a 6-digit code (each 30 s step accepted once) or an unused recovery
 * code (spent by this call). Called by the credentials authorize() itself, so no route can skip it.
 */
export async function verifySecondFactor(merchant: SecondFactorRow, code: string | undefined): Promise<boolean> {
  if (!merchant.twoFactorSecretCiphertext || !code) return false;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = totpStep(decrypt(merchant.twoFactorSecretCiphertext), trimmed);
    if (step === null) return false;
    // Only a step newer than the last accepted one: the same code cannot sign in twice.
    const accepted = await db.merchant.updateMany({
      where: { id: merchant.id, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: step } }] },
      data: { twoFactorLastStep: step },
    });
    return accepted.count === 1;
  }
  return useRecoveryCode(merchant.id, trimmed);
}
