import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/validation/api-keys";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "./key-format";
import { createdApiKeySchema, publicApiKeySelect, toPublicApiKey, type CreatedApiKey } from "./public-api-key";

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(merchantId: string, input: CreateApiKeyInput, actor: Actor): Promise<CreatedApiKey> {
  const { name } = createApiKeySchema.parse(input);
  const key = generateApiKey();
  const row = await db.apiKey.create({ data: { merchantId, name, prefix: apiKeyPrefix(key), keyHash: hashApiKey(key) }, select: publicApiKeySelect });
  await recordAudit({ merchantId, actor, action: "api_key.created", detail: { name, prefix: row.prefix } });
  return createdApiKeySchema.parse({ ...toPublicApiKey(row), key });
}
