// GET /api/v1/notifications/unread-count : {unread} for the dashboard's bell (counted up to 100).
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { countUnread } from "@/lib/notifications/inbox/count-unread";
import { unreadCountSchema } from "@/lib/notifications/inbox/public-unread-count";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json(unreadCountSchema.parse({ unread: await countUnread(merchant.id) })));
