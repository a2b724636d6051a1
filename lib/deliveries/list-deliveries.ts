import { z } from "zod";
import { afterCursor, decodeCursor, newestFirst, page, pageQuerySchema } from "@/lib/api/pagination";
import { db } from "@/lib/db/client";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { toPublicDelivery, type PublicDelivery } from "./serialize";

export const DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;

export const listDeliveriesQuerySchema = pageQuerySchema.extend({ status: z.enum(DELIVERY_STATUSES).optional() });
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;

function statusFilter(status: ListDeliveriesQuery["status"]) {
  if (status === "retrying") return { status: "pending", attemptCount: { gt: 0 } };
  if (status === "pending") return { status: "pending", attemptCount: 0 };
  return status ? { status } : {};
}

/** The endpoint's deliveries, newest first (404 unless the endpoint is this merchant's). */
export async function listDeliveries(merchantId: string, endpointId: string, query: ListDeliveriesQuery): Promise<{ data: PublicDelivery[]; nextCursor: string | null }> {
  await getEndpointRow(merchantId, endpointId);
  const rows = await db.delivery.findMany({
    where: { endpointId, merchantId, ...statusFilter(query.status), ...afterCursor(decodeCursor(query.cursor)) },
    orderBy: newestFirst,
    take: query.limit + 1,
    include: { event: { select: { type: true, isTest: true } } },
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { data: items.map(toPublicDelivery), nextCursor };
}
