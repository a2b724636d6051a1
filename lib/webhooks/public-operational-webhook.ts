// The public operational webhook (GET/PUT /api/v1/operational-webhook): the merchant's one endpoint
// for notification kinds. Its secret appears once, in the PUT that creates it.
import { z } from "zod";
import { ENDPOINT_NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import type { Endpoint as EndpointRow } from "@/lib/generated/prisma/client";
import { parseEventTypes } from "./public-endpoint";

export const publicOperationalWebhookSchema = z.object({
  url: z.string(),
  /** The notification kinds it receives (every endpoint kind when the merchant picked none). */
  eventTypes: z.array(z.string()),
  status: z.enum(["enabled", "disabled"]),
  createdAt: z.string(),
});
export type PublicOperationalWebhook = z.infer<typeof publicOperationalWebhookSchema>;
/** PUT's answer: `secret` only on the PUT that created it. */
export const savedOperationalWebhookSchema = publicOperationalWebhookSchema.extend({ secret: z.string().optional() });
export type SavedOperationalWebhook = z.infer<typeof savedOperationalWebhookSchema>;

export function toPublicOperationalWebhook(row: EndpointRow): PublicOperationalWebhook {
  const saved = parseEventTypes(row.eventTypes);
  return publicOperationalWebhookSchema.parse({
    url: row.url,
    eventTypes: saved.length > 0 ? saved : [...ENDPOINT_NOTIFICATION_KINDS],
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  });
}
