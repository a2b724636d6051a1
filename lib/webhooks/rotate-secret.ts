import { notFound } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { encrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { generateSecret } from "./signing";

/**
 * Issues a new secret. The current one becomes the previous secret and keeps signing (a second
 * `v1,` signature) until the overlap ends, so merchants can switch without dropping events.
 */
export async function rotateSecret(merchantId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  const secret = generateSecret();
  const expiresAt = new Date(Date.now() + env().WEBHOOK_SECRET_ROTATION_OVERLAP);
  // One statement moves the current secret aside and installs the new one: no read-then-write race.
  const rotated = await db.$executeRaw`
    UPDATE "Endpoint" SET "previousSecretCiphertext" = "secretCiphertext", "secretCiphertext" = ${encrypt(secret)},
      "previousSecretExpiresAt" = ${expiresAt}, "updatedAt" = ${new Date()}
    WHERE "id" = ${id} AND "merchantId" = ${merchantId}`;
  if (rotated !== 1) throw notFound();
  await recordAudit({ merchantId, endpointId: id, actor, action: "endpoint.secret_rotated", detail: { previousSecretExpiresAt: expiresAt.toISOString() } });
  return { secret, previousSecretExpiresAt: expiresAt.toISOString() };
}
