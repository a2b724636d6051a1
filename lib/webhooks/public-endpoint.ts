// The public Endpoint shape. Every response goes through toPublicEndpoint, so the secret never leaves.
import { z } from "zod";
import type { Endpoint as EndpointRow } from "@/lib/generated/prisma/client";
import { maskHeaders } from "@/lib/crypto/sealed-headers";

export const publicEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  status: z.enum(["enabled", "disabled"]),
  eventTypes: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  disabledReason: z.string().nullable(),
  // The circuit breaker (lib/delivery/breaker.ts): "paused" while its deliveries are held back.
  health: z.object({
    state: z.enum(["healthy", "paused"]),
    pausedUntil: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    lastError: z.string().nullable(),
  }),
  // Custom request headers: names as saved, every value masked.
  headers: z.record(z.string(), z.string()),
  // The last signature-verification probe, null until the merchant runs one.
  signatureCheck: z.object({ acceptsInvalidSignature: z.boolean(), checkedAt: z.string() }).nullable(),
});
export type PublicEndpoint = z.infer<typeof publicEndpointSchema>;
/** POST /api/v1/webhooks (201): the endpoint and its signing secret, the secret's only appearance. */
export const createdEndpointSchema = publicEndpointSchema.extend({ secret: z.string() });
export type CreatedEndpoint = z.infer<typeof createdEndpointSchema>;

export function parseEventTypes(parsed: unknown): string[] {
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === "string") : [];
}

export function toPublicEndpoint(row: EndpointRow): PublicEndpoint {
  return publicEndpointSchema.parse({
    id: row.id,
    url: row.url,
    description: row.description,
    status: row.status,
    eventTypes: parseEventTypes(row.eventTypes),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    disabledReason: row.disabledReason,
    health: {
      state: row.pausedUntil ? "paused" : "healthy",
      pausedUntil: row.pausedUntil?.toISOString() ?? null,
      consecutiveFailures: row.consecutiveFailures,
      lastError: row.lastError,
    },
    headers: maskHeaders(row.headersCiphertext),
    signatureCheck:
      row.signatureCheckAccepts === null || row.signatureCheckedAt === null
        ? null
        : { acceptsInvalidSignature: row.signatureCheckAccepts, checkedAt: row.signatureCheckedAt.toISOString() },
  });
}
