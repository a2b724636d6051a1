import { notFound } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

export async function revokeApiKey(merchantId: string, id: string, actor: Actor): Promise<void> {
  const result = await db.apiKey.updateMany({ where: { id, merchantId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 0) throw notFound("API key");
  await recordAudit({ merchantId, actor, action: "api_key.revoked", detail: { id } });
}
