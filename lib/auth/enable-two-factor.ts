import { ApiError } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { decrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { consume } from "@/lib/security/rate-limit";
import { recoveryCodesSchema, type RecoveryCodes } from "./public-account";
import { issueRecoveryCodes } from "./recovery-codes";
import { totpStep } from "./totp";
import { wrongCode } from "./verify-second-factor";

/** Confirms the pending setup with a code from the app: turns two-factor on and returns the recovery codes (once). */
export async function enableTwoFactor(merchantId: string, code: string, actor: Actor): Promise<RecoveryCodes> {
  await consume("account", merchantId);
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { twoFactorPendingCiphertext: true, twoFactorEnabledAt: true } });
  if (merchant.twoFactorEnabledAt) throw new ApiError("conflict", "Two-factor authentication is already on");
  if (!merchant.twoFactorPendingCiphertext) throw new ApiError("conflict", "Start the setup first: no authenticator app is waiting to be confirmed");
  const step = totpStep(decrypt(merchant.twoFactorPendingCiphertext), code.trim());
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
  await recordAudit({ merchantId, actor, action: "account.two_factor_enabled" });
  return recoveryCodesSchema.parse({ recoveryCodes });
}
