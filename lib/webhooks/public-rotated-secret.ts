// POST /api/v1/webhooks/{id}/secret/rotate: the new secret (its only appearance) and when the old one stops signing.
import { z } from "zod";

export const rotatedSecretSchema = z.object({ secret: z.string(), previousSecretExpiresAt: z.string() });
export type RotatedSecret = z.infer<typeof rotatedSecretSchema>;
