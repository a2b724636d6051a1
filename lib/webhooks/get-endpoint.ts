import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import type { Endpoint } from "@/lib/generated/prisma/client";

/**
 * The merchant's endpoint row or a 404 (also for other merchants' ids: existence never leaks). Only the
 * merchant's own webhooks: the operational webhook (kind "operational") is reached through
 * /api/v1/operational-webhook alone, never by id under /api/v1/webhooks.
 */
export async function getEndpointRow(merchantId: string, id: string): Promise<Endpoint> {
  const row = await db.endpoint.findFirst({ where: { id, merchantId, kind: "merchant" } });
  if (!row) throw notFound();
  return row;
}
