import { ApiError } from "@/lib/api/errors";
import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { encrypt } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { consume } from "@/lib/security/rate-limit";
import { createWebhookSchema, type CreateWebhookInput } from "@/lib/validation/webhook";
import { assertDeliverableUrl } from "./assert-deliverable-url";
import { sealHeaders } from "@/lib/crypto/sealed-headers";
import { limitMessage } from "./endpoint-limit";
import { createdEndpointSchema, toPublicEndpoint, type CreatedEndpoint } from "./public-endpoint";
import { generateSecret } from "@/lib/crypto/signing";
import type { Prisma } from "@/lib/generated/prisma/client";

/** merchant: one of the merchant's (at most WEBHOOK_MAX_ENDPOINTS); operational: its one operational webhook. */
export type EndpointKind = "merchant" | "operational";

type NewEndpoint = { url: string; description: string; eventTypes: string[]; headers: Record<string, string> };

/**
 * The endpoint row with a fresh secret, sealed like every endpoint's: the one insert both kinds share
 * (the caller has checked the URL with assertDeliverableUrl and holds the merchant row's lock).
 */
export async function insertEndpoint(tx: Prisma.TransactionClient, merchantId: string, fields: NewEndpoint, kind: EndpointKind) {
  const secret = generateSecret();
  const row = await tx.endpoint.create({
    data: {
      merchantId,
      kind,
      url: fields.url,
      description: fields.description,
      eventTypes: fields.eventTypes,
      secretCiphertext: encrypt(secret),
      headersCiphertext: sealHeaders(fields.headers),
    },
  });
  return { row, secret };
}

/** Creates an endpoint and returns its secret: the only time the plaintext secret leaves the server. */
export async function createEndpoint(
  merchantId: string,
  input: CreateWebhookInput,
  actor: Actor = SYSTEM_ACTOR,
): Promise<CreatedEndpoint> {
  const data = createWebhookSchema.parse(input);
  await assertDeliverableUrl(data.url);
  const max = env().WEBHOOK_MAX_ENDPOINTS;
  const { row, secret } = await db.$transaction(async (tx) => {
    // The conditional increment is the lock: concurrent creates serialize on the merchant row.
    const slot = await tx.merchant.updateMany({
      where: { id: merchantId, endpointCount: { lt: max } },
      data: { endpointCount: { increment: 1 } },
    });
    if (slot.count === 0) throw new ApiError("webhook_limit_reached", limitMessage(max));
    // Every creation counts, deleted endpoints included: delete + recreate must not be a way to farm
    // test sends. Spent only for a create that would happen; a 429 here rolls the slot back.
    await consume("endpoint_create", merchantId);
    return insertEndpoint(tx, merchantId, data, "merchant");
    // Racing creates queue on the merchant row: give the queue time (PostgreSQL, many instances) rather
    // than Prisma's 2 s default wait for a connection.
  }, { maxWait: 10_000, timeout: 10_000 });
  await recordAudit({ merchantId, endpointId: row.id, actor, action: "endpoint.created", detail: { url: row.url, description: row.description, ...(Object.keys(data.headers).length > 0 && { headers: Object.keys(data.headers) }) } });
  return createdEndpointSchema.parse({ ...toPublicEndpoint(row), secret });
}
