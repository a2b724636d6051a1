import { db } from "@/lib/db/client";

/** Unread notifications shown as a number on the bell; counted up to `cap` (the badge says "99+" past it). */
export const UNREAD_CAP = 100;

/** The bell's count: an index range on (merchantId, readAt), bounded, cheap enough to poll. */
export async function countUnread(merchantId: string): Promise<number> {
  return db.notification.count({ where: { merchantId, readAt: null }, take: UNREAD_CAP });
}
