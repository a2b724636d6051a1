// GET/PUT /api/v1/notification-settings over the lead's preferences grid (../preferences.ts).
import { notificationSettingsSchema, type NotificationSettingsInput } from "@/lib/validation/notifications";
import { notificationKindSchema } from "../kinds";
import { getNotificationSettings, NOTIFICATION_CHANNELS, setNotificationPreferences, type NotificationSettings } from "../preferences";

export { getNotificationSettings };

/** Saves the cells given (validated: security email cannot be off, the webhook has endpoint kinds only) and answers the whole grid. */
export async function putNotificationSettings(merchantId: string, input: NotificationSettingsInput): Promise<NotificationSettings> {
  const parsed = notificationSettingsSchema.parse(input);
  const cells = NOTIFICATION_CHANNELS.flatMap((channel) =>
    Object.entries(parsed[channel] ?? {}).flatMap(([kind, enabled]) => (enabled === undefined ? [] : [{ channel, kind: notificationKindSchema.parse(kind), enabled }])),
  );
  await setNotificationPreferences(merchantId, cells);
  return getNotificationSettings(merchantId);
}
