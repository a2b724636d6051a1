// /api/v1/notifications/**, /api/v1/notification-settings and /api/v1/operational-webhook/**: the inbox,
// which notices go out on which channel, and the merchant's one endpoint for the endpoint notices.
import { ENDPOINT_NOTIFICATION_KINDS, NOTIFICATION_KINDS, SECURITY_NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { publicNotificationSchema } from "@/lib/notifications/inbox/public-notification";
import { publicNotificationSettingsSchema } from "@/lib/notifications/inbox/public-notification-settings";
import { markReadResultSchema } from "@/lib/notifications/inbox/public-read-result";
import { unreadCountSchema } from "@/lib/notifications/inbox/public-unread-count";
import { listNotificationsQuerySchema, markReadSchema, notificationSettingsSchema, operationalTestSchema, operationalWebhookSchema } from "@/lib/validation/notifications";
import { publicOperationalWebhookSchema, savedOperationalWebhookSchema } from "@/lib/webhooks/public-operational-webhook";
import { unsubscribeResultSchema } from "@/lib/notifications/unsubscribe";
import { testEventResultSchema } from "@/lib/webhooks/public-test-result";
import { z } from "zod";
import { defineOperation, describePaging, pageOf } from "../define";
import { NEXT_CURSOR, notificationExample, operationalWebhookExample } from "../examples";

const tag = "Notifications" as const;
const auth = "merchant" as const;

const listQuery = describePaging(listNotificationsQuerySchema).extend({
  unread: listNotificationsQuerySchema.shape.unread.meta({ description: "`true`: unread ones only" }),
});

const allOn = <K extends string>(kinds: readonly K[]) => Object.fromEntries(kinds.map((k) => [k, true])) as Record<K, boolean>;
const settingsExample = {
  email: { ...allOn(NOTIFICATION_KINDS), "endpoint.recovered": false },
  webhook: { ...allOn(ENDPOINT_NOTIFICATION_KINDS), "endpoint.signature_unverified": false },
};

const tokenParam = z.object({ token: z.string().meta({ description: "The signed token of the email's List-Unsubscribe link", example: "uns_0miv3k8qz9f3a2b1c4d5e6f7.Hq3c2r5yVt1mQ0oXk8zN4aW7pL6sJ9dE2fG1hB0cI3k" }) });

export const notificationOperations = [
  defineOperation({
    method: "get", path: "/api/v1/unsubscribe/{token}", operationId: "showUnsubscribe", tag, auth: "public", params: { path: tokenParam },
    summary: "One-click unsubscribe: the confirmation page",
    description: "The `List-Unsubscribe` link of a notification email (RFC 8058), without a login: an HTML page with a button that POSTs. It changes nothing (mail scanners follow links). A forged token is a 404.",
    responses: { 200: { description: "An HTML confirmation page (text/html)" } },
    errors: ["not_found"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/unsubscribe/{token}", operationId: "unsubscribe", tag, auth: "public", params: { path: tokenParam },
    summary: "One-click unsubscribe",
    description: "Turns the link's notification kind off for email, once (body `List-Unsubscribe=One-Click`, as mail providers send it; a browser gets an HTML page). A forged token is a 404, a used one a 400; neither changes anything. Account security notices have no link.",
    responses: { 200: { description: "Email for that kind is off", schema: unsubscribeResultSchema, example: { unsubscribed: true, kind: "endpoint.paused" } } },
    errors: ["not_found", "bad_request"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/notifications", operationId: "listNotifications", tag, auth,
    params: { query: listQuery },
    summary: "List notifications",
    description: "The merchant's inbox, newest first, each rendered as a title and a sentence; keyset-paginated.",
    responses: { 200: { description: "A page of notifications", schema: pageOf(publicNotificationSchema), example: { data: [notificationExample], nextCursor: NEXT_CURSOR } } },
    errors: ["bad_request"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/notifications/unread-count", operationId: "countUnreadNotifications", tag, auth,
    summary: "Count unread notifications",
    description: "The dashboard bell's number, counted up to 100: cheap enough to poll.",
    responses: { 200: { description: "How many are unread", schema: unreadCountSchema, example: { unread: 3 } } },
  }),
  defineOperation({
    method: "post", path: "/api/v1/notifications/read", operationId: "markNotificationsRead", tag, auth,
    summary: "Mark notifications read",
    description: "Either `ids` (at most 100; another merchant's ids and unknown ones change nothing) or `all: true` (every unread one).",
    body: { schema: markReadSchema, example: { ids: [notificationExample.id] } },
    responses: { 200: { description: "How many were marked read", schema: markReadResultSchema, example: { updated: 1 } } },
  }),
  defineOperation({
    method: "get", path: "/api/v1/notification-settings", operationId: "getNotificationSettings", tag, auth,
    summary: "Notification settings",
    description: `Which kinds are emailed and which go to the operational webhook. Account security kinds (${SECURITY_NOTIFICATION_KINDS.join(", ")}) are always emailed and never sent to the webhook.`,
    responses: { 200: { description: "The whole grid, every cell filled", schema: publicNotificationSettingsSchema, example: settingsExample } },
  }),
  defineOperation({
    method: "put", path: "/api/v1/notification-settings", operationId: "updateNotificationSettings", tag, auth,
    summary: "Change notification settings",
    description: "Any cells of the grid; the ones left out keep their value. An account security kind can only be sent as `true` for email.",
    body: { schema: notificationSettingsSchema, example: { email: { "endpoint.recovered": false }, webhook: { "endpoint.signature_unverified": false } } },
    responses: { 200: { description: "The whole grid as saved", schema: publicNotificationSettingsSchema, example: settingsExample } },
  }),
  defineOperation({
    method: "get", path: "/api/v1/operational-webhook", operationId: "getOperationalWebhook", tag, auth,
    summary: "The operational webhook",
    description: "The merchant's one endpoint for the endpoint notices (signed like every webhook, retried and logged the same way); 404 until one is set.",
    responses: { 200: { description: "The operational webhook", schema: publicOperationalWebhookSchema, example: operationalWebhookExample } },
    errors: ["not_found"],
  }),
  defineOperation({
    method: "put", path: "/api/v1/operational-webhook", operationId: "putOperationalWebhook", tag, auth,
    summary: "Set the operational webhook",
    description: "Creates it (answering its signing secret, the only time it is shown) or changes its URL and kinds; saving a disabled one enables it again. Without `eventTypes` it receives every endpoint kind. It takes none of the 5 endpoint slots.",
    body: { schema: operationalWebhookSchema, example: { url: operationalWebhookExample.url, eventTypes: ["endpoint.failing", "endpoint.disabled"] } },
    responses: {
      200: {
        description: "The operational webhook as saved; `secret` only when this request created it",
        schema: savedOperationalWebhookSchema,
        example: { ...operationalWebhookExample, secret: "whsec_Xo4bP1nR7vT2kL9qW3eY6uJ8iA0sD5fG" },
      },
    },
  }),
  defineOperation({
    method: "delete", path: "/api/v1/operational-webhook", operationId: "deleteOperationalWebhook", tag, auth,
    summary: "Remove the operational webhook",
    responses: { 204: { description: "Removed, with its deliveries" } },
    errors: ["not_found"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/operational-webhook/test", operationId: "testOperationalWebhook", tag, auth,
    summary: "Send a test notification",
    description: "Sends one signed example notice of `type` (default `endpoint.failing`) to the operational webhook now, never retried, and reports the outcome. Shares the manual-send budget.",
    body: { schema: operationalTestSchema, example: { type: "endpoint.failing" } },
    responses: {
      200: {
        description: "What the operational webhook answered",
        schema: testEventResultSchema,
        example: { delivered: true, statusCode: 200, durationMs: 63, responseBody: "ok", error: null, errorKind: null, eventId: "9b1d4f2a-6c3e-4a8b-b7d0-1e2f3a4b5c6d" },
      },
    },
    errors: ["not_found", "rate_limited"],
  }),
];
