// Two-factor sign-in: setup (a pending secret, shown as a QR code and a setup key), confirmation with a
// first code (which enables it and issues recovery codes), the second factor at sign-in, and disabling.
// The TOTP secret is encrypted at rest with the same secret box as webhook secrets.
import { ApiError, invalidFields } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { decrypt, encrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { consume } from "@/lib/security/rate-limit";
import { verifyPassword } from "@/lib/crypto/password";
import { issueRecoveryCodes, useRecoveryCode } from "./recovery-codes";
import { newTotpSecret, setupDetails, totpStep } from "./totp";
import type { z } from "zod";
import { recoveryCodesSchema, twoFactorSetupSchema, twoFactorStatusSchema, type RecoveryCodes, type TwoFactorSetup } from "./public-account";

const wrongCode = () => invalidFields({ code: "That authentication code is not valid. Use the current code from your app." });

/** Starts (or restarts) a setup: a new pending secret; two-factor stays off until a code confirms it. */
export async function startTwoFactorSetup(merchantId: string): Promise<TwoFactorSetup> {
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { email: true, twoFactorEnabledAt: true } });
  if (merchant.twoFactorEnabledAt) throw new ApiError("conflict", "Two-factor authentication is already on; disable it first to set up a new app");
  const secret = newTotpSecret();
  await db.merchant.update({ where: { id: merchantId }, data: { twoFactorPendingCiphertext: encrypt(secret) } });
  return twoFactorSetupSchema.parse({ secret, ...(await setupDetails(secret, merchant.email)) });
}

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

type SecondFactorRow = { id: string; twoFactorSecretCiphertext: string | null; twoFactorLastStep: number | null };

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
  ]);
  await recordAudit({ merchantId, actor, action: "account.two_factor_disabled" });
}

/** What Settings shows: on or off, and how many recovery codes are left. */
export async function twoFactorStatus(merchantId: string): Promise<z.infer<typeof twoFactorStatusSchema>> {
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { twoFactorEnabledAt: true } });
  const recoveryCodesLeft = merchant.twoFactorEnabledAt ? await db.recoveryCode.count({ where: { merchantId, usedAt: null } }) : 0;
  return twoFactorStatusSchema.parse({ enabled: merchant.twoFactorEnabledAt !== null, recoveryCodesLeft });
}
