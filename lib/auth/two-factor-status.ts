import type { z } from "zod";
import { db } from "@/lib/db/client";
import { twoFactorStatusSchema } from "./public-account";

/** What Settings shows: on or off, and how many recovery codes are left. */
export async function twoFactorStatus(merchantId: string): Promise<z.infer<typeof twoFactorStatusSchema>> {
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { twoFactorEnabledAt: true } });
  const recoveryCodesLeft = merchant.twoFactorEnabledAt ? await db.recoveryCode.count({ where: { merchantId, usedAt: null } }) : 0;
  return twoFactorStatusSchema.parse({ enabled: merchant.twoFactorEnabledAt !== null, recoveryCodesLeft });
}
