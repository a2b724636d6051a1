import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { raiseNotification } from "@/lib/notifications/raise";
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/validation/api-keys";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "./key-format";
import { createdApiKeySchema, publicApiKeySelect, toPublicApiKey, type CreatedApiKey } from "./public-api-key";

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(merchantId: string, input: CreateApiKeyInput, actor: Actor): Promise<CreatedApiKey> {
  const { name } = createApiKeySchema.parse(input);
  const key = generateApiKey();
  const prefix = apiKeyPrefix(key);
  // The security notice (inbox + email, never switched off) commits with the key; never the key itself.
  const [row] = await db.$transaction([
    db.apiKey.create({ data: { merchantId, name, prefix, keyHash: hashApiKey(key) }, select: publicApiKeySelect }),
    raiseNotification(merchantId, "account.api_key_created", { actor, keyName: name, keyPrefix: prefix }),
  ]);
  await recordAudit({ merchantId, actor, action: "api_key.created", detail: { name, prefix: row.prefix } });
  return createdApiKeySchema.parse({ ...toPublicApiKey(row), key });
}
