import { db } from "@/lib/db/client";
import { publicMerchantSchema, publicMerchantSelect, type PublicMerchant } from "./public-merchant";

export async function getMerchant(id: string): Promise<PublicMerchant | null> {
  const row = await db.merchant.findUnique({ where: { id }, select: publicMerchantSelect });
  return row && publicMerchantSchema.parse(row);
}
