import { ApiError, notFound } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { encrypt } from "@/lib/crypto/secret-box";
import { db, Prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { afterRotation, parsePreviousSecrets, encodePreviousSecrets } from "@/lib/crypto/previous-secrets";
import { generateSecret } from "@/lib/crypto/signing";
import { rotatedSecretSchema, type RotatedSecret } from "./public-rotated-secret";

/**
 * Issues a new secret. The current one joins the previous secrets and keeps signing (one more `v1,`
 * signature) until its own overlap ends; secrets replaced earlier keep theirs (at most 5 are kept).
 */
export async function rotateSecret(merchantId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<RotatedSecret> {
  const secret = generateSecret();
  const ciphertext = encrypt(secret);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db.endpoint.findFirst({ where: { id, merchantId, kind: "merchant" }, select: { secretCiphertext: true, previousSecrets: true } });
    if (!row) throw notFound();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + env().WEBHOOK_SECRET_ROTATION_OVERLAP);
    const previous = afterRotation(parsePreviousSecrets(row.previousSecrets), { ciphertext: row.secretCiphertext, expiresAt }, now);
    // Compare-and-set on the secret read above: a concurrent rotation makes this match nothing, and the
    // loop reads again, so neither rotation's outgoing secret is lost.
    const rotated = await db.endpoint.updateMany({
      where: { id, merchantId, secretCiphertext: row.secretCiphertext },
      data: {
        secretCiphertext: ciphertext,
        previousSecrets: encodePreviousSecrets(previous) ?? Prisma.DbNull,
        // The newest replaced secret, which also signs longest: the endpoint page shows its expiry.
        previousSecretCiphertext: row.secretCiphertext,
        previousSecretExpiresAt: expiresAt,
      },
    });
    if (rotated.count === 1) {
      await recordAudit({ merchantId, endpointId: id, actor, action: "endpoint.secret_rotated", detail: { previousSecretExpiresAt: expiresAt.toISOString() } });
      return rotatedSecretSchema.parse({ secret, previousSecretExpiresAt: expiresAt.toISOString() });
    }
  }
  throw new ApiError("conflict", "The secret is being rotated by another request; try again");
}
