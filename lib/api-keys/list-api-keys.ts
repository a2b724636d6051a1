import { db } from "@/lib/db/client";
import { publicApiKeySelect, toPublicApiKey, type PublicApiKey } from "./public-api-key";

/** The merchant's keys still in force, newest first. */
export async function listApiKeys(merchantId: string): Promise<PublicApiKey[]> {
  const rows = await db.apiKey.findMany({ where: { merchantId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: publicApiKeySelect });
  return rows.map(toPublicApiKey);
}
