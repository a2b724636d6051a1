import { ApiError, invalidFields } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { verifyPassword } from "@/lib/crypto/password";
import { db } from "@/lib/db/client";
import { raiseNotification } from "@/lib/notifications/raise";
import { consume } from "@/lib/security/rate-limit";
import { verifySecondFactor, wrongCode } from "./verify-second-factor";

/** Turns two-factor off; needs the password and a current code (or a recovery code). */
export async function disableTwoFactor(merchantId: string, input: { password: string; code: string }, actor: Actor): Promise<void> {
  await consume("account", merchantId);
  const merchant = await db.merchant.findUniqueOrThrow({
    where: { id: merchantId },
    select: { id: true, passwordHash: true, twoFactorSecretCiphertext: true, twoFactorLastStep: true, twoFactorEnabledAt: true },
  });
  if (!merchant.twoFactorEnabledAt) throw new ApiError("conflict", "Two-factor authentication is not on");
  if (!(await verifyPassword(input.password, merchant.passwordHash))) {
    throw invalidFields({ password: "That password is not correct" });
  }
  if (!(await verifySecondFactor(merchant, input.code))) throw wrongCode();
  await db.$transaction([
    db.merchant.update({ where: { id: merchantId }, data: { twoFactorSecretCiphertext: null, twoFactorPendingCiphertext: null, twoFactorEnabledAt: null, twoFactorLastStep: null } }),
    db.recoveryCode.deleteMany({ where: { merchantId } }),
    raiseNotification(merchantId, "account.two_factor_disabled", { actor }),
  ]);
  await recordAudit({ merchantId, actor, action: "account.two_factor_disabled" });
}
