// GET/PUT /api/v1/notification-settings : the channel × kind grid {email: {kind: on}, webhook: {kind: on}}.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { getNotificationSettings, putNotificationSettings } from "@/lib/notifications/inbox/notification-settings";
import { notificationSettingsSchema } from "@/lib/validation/notifications";

export const GET = withMerchant(async ({ merchant }) => NextResponse.json(await getNotificationSettings(merchant.id)));

export const PUT = withMerchant(async ({ req, merchant }) => {
  const input = await parseJsonBody(req, notificationSettingsSchema);
  return NextResponse.json(await putNotificationSettings(merchant.id, input));
});
