// Two-factor recovery codes: 10 per enablement, shown once, stored as SHA-256 (60 random bits each, and
// sign-in attempts are rate limited, so a fast hash is enough), each usable once.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no 0/o, 1/l

/** "xxxx-xxxx-xxxx": 12 symbols of 5 bits. */
function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

/** What a merchant may type: any case, with or without dashes and spaces. */
export const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");
const hashCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");

/** Replaces the merchant's codes with 10 new ones (inside the caller's transaction) and returns them. */
export async function issueRecoveryCodes(tx: Prisma.TransactionClient, merchantId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.deleteMany({ where: { merchantId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ merchantId, codeHash: hashCode(code) })) });
  return codes;
}

/** Spends a code: true only for an unused code of this merchant, and only once (a conditional update). */
export async function useRecoveryCode(merchantId: string, code: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!/^[a-z0-9]{12}$/.test(normalized)) return false;
  const used = await db.recoveryCode.updateMany({ where: { merchantId, codeHash: hashCode(normalized), usedAt: null }, data: { usedAt: new Date() } });
  return used.count === 1;
}
