// The public answer of GET and PUT /api/v1/notification-settings: the whole channel × kind grid, every
// cell filled (email has every kind, security ones always true; the operational webhook the endpoint kinds).
import { z } from "zod";
import { ENDPOINT_NOTIFICATION_KINDS, NOTIFICATION_KINDS, type EndpointNotificationKind, type NotificationKind } from "../kinds";

const grid = <K extends string>(kinds: readonly K[]) => z.object(Object.fromEntries(kinds.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>);

export const publicNotificationSettingsSchema = z.object({
  email: grid<NotificationKind>(NOTIFICATION_KINDS).meta({ description: "Emailed or not, per kind (account security kinds are always true)" }),
  webhook: grid<EndpointNotificationKind>(ENDPOINT_NOTIFICATION_KINDS).meta({ description: "Sent to the operational webhook or not, per endpoint kind" }),
});
export type PublicNotificationSettings = z.infer<typeof publicNotificationSettingsSchema>;
