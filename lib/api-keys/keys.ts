// Merchant API keys: `dsk_` + 32 random bytes (greppable if leaked). Only a SHA-256 is stored:
// with that much entropy a fast hash is as safe as a slow one, and lookups stay one index probe.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

export const API_KEY_PREFIX = "dsk_";
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(100, "The name is at most 100 characters"),
});

export type PublicApiKey = { id: string; name: string; prefix: string; lastUsedAt: string | null; createdAt: string; revokedAt: string | null };

type Row = { id: string; name: string; prefix: string; lastUsedAt: Date | null; createdAt: Date; revokedAt: Date | null };
const toPublic = (r: Row): PublicApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
});
const publicSelect = { id: true, name: true, prefix: true, lastUsedAt: true, createdAt: true, revokedAt: true } as const;

/** Creates a key and returns it in full: the only time it is ever shown. */
export async function createApiKey(merchantId: string, input: z.input<typeof createApiKeySchema>, actor: Actor): Promise<PublicApiKey & { key: string }> {
  const { name } = createApiKeySchema.parse(input);
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.apiKey.create({ data: { merchantId, name, prefix: key.slice(0, 12), keyHash: hashApiKey(key) }, select: publicSelect });
  await recordAudit({ merchantId, actor, action: "api_key.created", detail: { name, prefix: row.prefix } });
  return { ...toPublic(row), key };
}

export async function listApiKeys(merchantId: string): Promise<PublicApiKey[]> {
  const rows = await db.apiKey.findMany({ where: { merchantId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: publicSelect });
  return rows.map(toPublic);
}

export async function revokeApiKey(merchantId: string, id: string, actor: Actor): Promise<void> {
  const result = await db.apiKey.updateMany({ where: { id, merchantId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 0) throw notFound("API key");
  await recordAudit({ merchantId, actor, action: "api_key.revoked", detail: { id } });
}

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
