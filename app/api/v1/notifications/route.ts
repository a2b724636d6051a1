// GET /api/v1/notifications?unread=true&cursor=&limit= : the merchant's inbox, newest first.
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { listNotifications } from "@/lib/notifications/inbox/list-notifications";
import { listNotificationsQuerySchema } from "@/lib/validation/notifications";

export const GET = withMerchant(async ({ req, merchant }) => {
  const query = listNotificationsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listNotifications(merchant.id, query));
});
