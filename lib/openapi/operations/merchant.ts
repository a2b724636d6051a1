// /api/v1/merchant and /api/v1/api-keys/**: who is calling, and the keys that call from a server.
import { createdApiKeySchema, publicApiKeySchema } from "@/lib/api-keys/public-api-key";
import { publicMerchantSchema } from "@/lib/merchants/public-merchant";
import { createApiKeySchema } from "@/lib/validation/api-keys";
import { defineOperation, idParam, listOf } from "../define";
import { apiKeyExample } from "../examples";

export const merchantOperations = [
  defineOperation({
    method: "get", path: "/api/v1/merchant", operationId: "getMerchant", tag: "Merchant", auth: "merchant",
    summary: "The authenticated merchant",
    responses: { 200: { description: "The merchant", schema: publicMerchantSchema, example: { id: "cmiv3j7aa0000mx01a1b2c3d4", name: "Demo Coffee Roasters", email: "owner@example.com" } } },
  }),
  defineOperation({
    method: "get", path: "/api/v1/api-keys", operationId: "listApiKeys", tag: "API keys", auth: "session",
    summary: "List API keys",
    responses: { 200: { description: "The merchant's keys (never the key itself)", schema: listOf(publicApiKeySchema), example: { data: [apiKeyExample] } } },
  }),
  defineOperation({
    method: "post", path: "/api/v1/api-keys", operationId: "createApiKey", tag: "API keys", auth: "session",
    summary: "Create an API key",
    body: { schema: createApiKeySchema, example: { name: "Order server" } },
    responses: { 201: { description: "The key in full (`dsk_…`): its only appearance", schema: createdApiKeySchema, example: { ...apiKeyExample, key: "dsk_7Hq2xV9mL3pQ8rT1wZ5nB0cF6gJ4kD2s" } } },
  }),
  defineOperation({
    method: "delete", path: "/api/v1/api-keys/{id}", operationId: "revokeApiKey", tag: "API keys", auth: "session",
    params: { path: idParam("API key") },
    summary: "Revoke an API key",
    responses: { 204: { description: "Revoked: requests using it are refused at once" } },
  }),
];
