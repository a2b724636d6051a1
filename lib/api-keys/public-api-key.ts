// The public API key shape: name, prefix and dates; never the key or its hash.
import { z } from "zod";

export const publicApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type PublicApiKey = z.infer<typeof publicApiKeySchema>;
/** POST /api/v1/api-keys (201): the key in full, its only appearance. */
export const createdApiKeySchema = publicApiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const publicApiKeySelect = { id: true, name: true, prefix: true, lastUsedAt: true, createdAt: true, revokedAt: true } as const;

type Row = { id: string; name: string; prefix: string; lastUsedAt: Date | null; createdAt: Date; revokedAt: Date | null };

export const toPublicApiKey = (r: Row): PublicApiKey =>
  publicApiKeySchema.parse({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  });
