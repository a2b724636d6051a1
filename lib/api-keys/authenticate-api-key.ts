import { db } from "@/lib/db/client";
import { API_KEY_PREFIX, hashApiKey } from "./key-format";

/** The merchant a bearer key belongs to, or null (unknown or revoked: revocation takes effect at once). */
export async function authenticateApiKey(key: string): Promise<{ merchantId: string; prefix: string } | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(key) }, select: { id: true, merchantId: true, prefix: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } }); // at most once a minute per key
  }
  return { merchantId: row.merchantId, prefix: row.prefix };
}
