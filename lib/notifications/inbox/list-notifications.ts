import { afterCursor, decodeCursor, newestFirst, page, type KeysetPage } from "@/lib/api/pagination";
import { db } from "@/lib/db/client";
import type { ListNotificationsQuery } from "@/lib/validation/notifications";
import { notificationSelect, toPublicNotification, type PublicNotification } from "./public-notification";

/** The merchant's inbox, newest first (keyset on createdAt, id: the (merchantId, createdAt, id) index). */
export async function listNotifications(merchantId: string, query: ListNotificationsQuery): Promise<KeysetPage<PublicNotification>> {
  const rows = await db.notification.findMany({
    where: { merchantId, ...(query.unread && { readAt: null }), ...afterCursor(decodeCursor(query.cursor)) },
    orderBy: newestFirst,
    take: query.limit + 1,
    select: notificationSelect,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { data: items.map(toPublicNotification), nextCursor };
}
