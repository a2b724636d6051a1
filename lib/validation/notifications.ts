// The inbox, the notification preferences grid and the operational webhook: one schema each for the
// dashboard's forms and the /api/v1/notifications, /notification-settings and /operational-webhook routes.
import { z } from "zod";
import { ENDPOINT_NOTIFICATION_KINDS, SECURITY_NOTIFICATION_KINDS, endpointNotificationKindSchema } from "@/lib/notifications/kinds";
import { pageQuerySchema } from "./pagination";
import { endpointUrlSchema } from "./webhook";

/** GET /api/v1/notifications?unread=true&cursor=&limit= */
export const listNotificationsQuerySchema = pageQuerySchema.extend({
  unread: z.enum(["true", "false"], { error: "unread is true or false" }).optional().transform((v) => v === "true"),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const MAX_READ_IDS = 100;

/** POST /api/v1/notifications/read: `{ids}` marks those (the caller's only), `{all: true}` every unread one. */
export const markReadSchema = z
  .strictObject({
    ids: z.array(z.string().min(1).max(100)).min(1, "Name at least one notification").max(MAX_READ_IDS, `At most ${MAX_READ_IDS} ids at a time`).optional(),
    all: z.literal(true, { error: "all is true when present" }).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { message: "Send either ids or all: true, not both" });
export type MarkReadInput = z.infer<typeof markReadSchema>;

const securityEmailMessage = "Security notices are always emailed";
const cell = z.boolean({ error: "On or off: true or false" }).optional();

/**
 * PUT /api/v1/notification-settings: any cells of the grid (absent ones keep their value). Email has
 * every kind, security ones only as `true`; the operational webhook only the endpoint kinds.
 */
export const notificationSettingsSchema = z.strictObject({
  email: z
    .strictObject({
      ...Object.fromEntries(ENDPOINT_NOTIFICATION_KINDS.map((k) => [k, cell])),
      ...Object.fromEntries(SECURITY_NOTIFICATION_KINDS.map((k) => [k, z.literal(true, { error: securityEmailMessage }).optional()])),
    } as Record<string, typeof cell>)
    .optional(),
  webhook: z.strictObject(Object.fromEntries(ENDPOINT_NOTIFICATION_KINDS.map((k) => [k, cell])) as Record<string, typeof cell>).optional(),
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsSchema>;

/** PUT /api/v1/operational-webhook: absent eventTypes = every endpoint kind; an empty list would mean none. */
export const operationalWebhookSchema = z.strictObject({
  url: endpointUrlSchema,
  eventTypes: z
    .array(endpointNotificationKindSchema)
    .min(1, "Pick at least one event type, or leave eventTypes out for all")
    .max(ENDPOINT_NOTIFICATION_KINDS.length)
    .transform((t) => [...new Set(t)])
    .optional(),
});
export type OperationalWebhookInput = z.input<typeof operationalWebhookSchema>;

/** POST /api/v1/operational-webhook/test `{type?}`: which kind's example to send (default endpoint.failing). */
export const operationalTestSchema = z.strictObject({ type: endpointNotificationKindSchema.default("endpoint.failing") });
