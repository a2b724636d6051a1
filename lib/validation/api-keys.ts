// One schema for the Create API key form and POST /api/v1/api-keys.
import { z } from "zod";

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(100, "The name is at most 100 characters"),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
