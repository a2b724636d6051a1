// A merchant's notification preferences: a channel × kind grid. A missing NotificationPreference row
// means on (email is on by default for every kind); account security notices are always emailed and
// never go to the operational webhook (it is a machine, and a stolen webhook must not learn of them).
import { db } from "@/lib/db/client";
import { ENDPOINT_NOTIFICATION_KINDS, NOTIFICATION_KINDS, isSecurityKind, type NotificationKind } from "./kinds";

export const NOTIFICATION_CHANNELS = ["email", "webhook"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The kinds each channel can carry: email every kind, the operational webhook the endpoint kinds only. */
export const CHANNEL_KINDS: Record<NotificationChannel, readonly NotificationKind[]> = {
  email: NOTIFICATION_KINDS,
  webhook: ENDPOINT_NOTIFICATION_KINDS,
};

/** Whether a kind on a channel can be switched at all (security email cannot be switched off). */
export const isSwitchable = (channel: NotificationChannel, kind: NotificationKind): boolean =>
  CHANNEL_KINDS[channel].includes(kind) && !(channel === "email" && isSecurityKind(kind));

export type NotificationSettings = Record<NotificationChannel, Partial<Record<NotificationKind, boolean>>>;

/** The whole grid, every cell filled (absent rows = on). */
export async function getNotificationSettings(merchantId: string): Promise<NotificationSettings> {
  const rows = await db.notificationPreference.findMany({ where: { merchantId }, select: { channel: true, kind: true, enabled: true } });
  const saved = new Map(rows.map((r) => [`${r.channel}:${r.kind}`, r.enabled]));
  const settings: NotificationSettings = { email: {}, webhook: {} };
  for (const channel of NOTIFICATION_CHANNELS) {
    for (const kind of CHANNEL_KINDS[channel]) {
      settings[channel][kind] = isSwitchable(channel, kind) ? (saved.get(`${channel}:${kind}`) ?? true) : true;
    }
  }
  return settings;
}

/** Saves the switchable cells given (others are ignored by the caller's validation, never stored). */
export async function setNotificationPreferences(merchantId: string, cells: Array<{ channel: NotificationChannel; kind: NotificationKind; enabled: boolean }>): Promise<void> {
  const switchable = cells.filter((c) => isSwitchable(c.channel, c.kind));
  await db.$transaction(
    switchable.map(({ channel, kind, enabled }) =>
      db.notificationPreference.upsert({
        where: { merchantId_channel_kind: { merchantId, channel, kind } },
        create: { merchantId, channel, kind, enabled },
        update: { enabled },
      }),
    ),
  );
}

/** Whether a notification of `kind` goes out on `channel` for this merchant. */
export async function isChannelEnabled(merchantId: string, channel: NotificationChannel, kind: NotificationKind): Promise<boolean> {
  if (!CHANNEL_KINDS[channel].includes(kind)) return false;
  if (!isSwitchable(channel, kind)) return true;
  const row = await db.notificationPreference.findUnique({ where: { merchantId_channel_kind: { merchantId, channel, kind } }, select: { enabled: true } });
  return row?.enabled ?? true;
}
