import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import type { Endpoint } from "@/lib/generated/prisma/client";
import { toPublicOperationalWebhook, type PublicOperationalWebhook } from "./public-operational-webhook";

export const noOperationalWebhook = () => notFound("Operational webhook");

/** The merchant's operational webhook row, or null when it has none (there is at most one). */
export async function findOperationalEndpoint(merchantId: string): Promise<Endpoint | null> {
  return db.endpoint.findFirst({ where: { merchantId, kind: "operational" }, orderBy: { createdAt: "asc" } });
}

/** GET /api/v1/operational-webhook: 404 when the merchant has not set one up. */
export async function getOperationalWebhook(merchantId: string): Promise<PublicOperationalWebhook> {
  const row = await findOperationalEndpoint(merchantId);
  if (!row) throw noOperationalWebhook();
  return toPublicOperationalWebhook(row);
}
