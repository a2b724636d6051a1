import { ApiError, invalidFields } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { verifyPassword } from "@/lib/crypto/password";
import { decrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { consume } from "@/lib/security/rate-limit";
import type { EnableTwoFactorInput } from "@/lib/validation/auth";
import { recoveryCodesSchema, type RecoveryCodes } from "./public-account";
import { issueRecoveryCodes } from "./recovery-codes";
import { revokeAllSessions } from "./sessions";
import { totpStep } from "./totp";
import { wrongCode } from "./verify-second-factor";

/**
 * Confirms the pending setup with the password and a code from the app: turns two-factor on, ends every
 * other session (as a password change does; `currentSessionId` stays signed in) and returns the recovery codes (once).
 */
export async function enableTwoFactor(merchantId: string, currentSessionId: string, input: EnableTwoFactorInput, actor: Actor): Promise<RecoveryCodes> {
  await consume("account", merchantId);
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { passwordHash: true, twoFactorPendingCiphertext: true, twoFactorEnabledAt: true } });
  if (merchant.twoFactorEnabledAt) throw new ApiError("conflict", "Two-factor authentication is already on");
  if (!merchant.twoFactorPendingCiphertext) throw new ApiError("conflict", "Start the setup first: no authenticator app is waiting to be confirmed");
  if (!(await verifyPassword(input.password, merchant.passwordHash))) throw invalidFields({ password: "That password is not correct" });
  const step = totpStep(decrypt(merchant.twoFactorPendingCiphertext), input.code.trim());
  if (step === null) throw wrongCode();
  const recoveryCodes = await db.$transaction(async (tx) => {
    // Conditional on the same pending secret: a concurrent restart of the setup makes this match nothing.
    const enabled = await tx.merchant.updateMany({
      where: { id: merchantId, twoFactorEnabledAt: null, twoFactorPendingCiphertext: merchant.twoFactorPendingCiphertext },
      data: { twoFactorSecretCiphertext: merchant.twoFactorPendingCiphertext, twoFactorPendingCiphertext: null, twoFactorEnabledAt: new Date(), twoFactorLastStep: step },
    });
    if (enabled.count !== 1) throw new ApiError("conflict", "The setup changed meanwhile; start it again");
    return issueRecoveryCodes(tx, merchantId);
  });
  const endedSessions = await revokeAllSessions(merchantId, currentSessionId);
  await recordAudit({ merchantId, actor, action: "account.two_factor_enabled", detail: { endedSessions } });
  return recoveryCodesSchema.parse({ recoveryCodes });
}
