import { afterCursor, decodeCursor, newestFirst, page, type KeysetPage } from "@/lib/api/pagination";
import { db } from "@/lib/db/client";
import type { ListEventsQuery } from "@/lib/validation/events";
import { deliverySummarySelect, toPublicEvent, type PublicEvent } from "./public-event";

export async function listEvents(merchantId: string, query: ListEventsQuery): Promise<KeysetPage<PublicEvent>> {
  const rows = await db.event.findMany({
    where: { merchantId, ...(query.type && { type: query.type }), ...afterCursor(decodeCursor(query.cursor)) },
    orderBy: newestFirst,
    take: query.limit + 1,
    select: { id: true, type: true, createdAt: true, isTest: true, deliveries: deliverySummarySelect },
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { data: items.map(toPublicEvent), nextCursor };
}
