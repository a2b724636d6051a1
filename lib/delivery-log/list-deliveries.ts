import { afterCursor, decodeCursor, newestFirst, page, type KeysetPage } from "@/lib/api/pagination";
import { db } from "@/lib/db/client";
import type { ListDeliveriesQuery } from "@/lib/validation/deliveries";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { toPublicDelivery, type PublicDelivery } from "./public-delivery";

function statusFilter(status: ListDeliveriesQuery["status"]) {
  if (status === "retrying") return { status: "pending", attemptCount: { gt: 0 } };
  if (status === "pending") return { status: "pending", attemptCount: 0 };
  return status ? { status } : {};
}

/** The endpoint's deliveries, newest first (404 unless the endpoint is this merchant's). */
export async function listDeliveries(merchantId: string, endpointId: string, query: ListDeliveriesQuery): Promise<KeysetPage<PublicDelivery>> {
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
