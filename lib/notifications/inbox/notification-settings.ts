// GET/PUT /api/v1/notification-settings over the lead's preferences grid (../preferences.ts), answered
// through the public schema (public-notification-settings.ts) so the document cannot drift from it.
import { notificationSettingsSchema, type NotificationSettingsInput } from "@/lib/validation/notifications";
import { notificationKindSchema } from "../kinds";
import { getNotificationSettings as readNotificationSettings, NOTIFICATION_CHANNELS, setNotificationPreferences } from "../preferences";
import { publicNotificationSettingsSchema, type PublicNotificationSettings } from "./public-notification-settings";

/** The whole grid, every cell filled (absent rows = on). */
export async function getNotificationSettings(merchantId: string): Promise<PublicNotificationSettings> {
  return publicNotificationSettingsSchema.parse(await readNotificationSettings(merchantId));
}

/** Saves the cells given (validated: security email cannot be off, the webhook has endpoint kinds only) and answers the whole grid. */
export async function putNotificationSettings(merchantId: string, input: NotificationSettingsInput): Promise<PublicNotificationSettings> {
  const parsed = notificationSettingsSchema.parse(input);
  const cells = NOTIFICATION_CHANNELS.flatMap((channel) =>
    Object.entries(parsed[channel] ?? {}).flatMap(([kind, enabled]) => (enabled === undefined ? [] : [{ channel, kind: notificationKindSchema.parse(kind), enabled }])),
  );
  await setNotificationPreferences(merchantId, cells);
  return getNotificationSettings(merchantId);
}
