// What is worth telling a merchant, written once: each notification kind as a typed constant, the data
// it carries (the operational webhook's `data`, the inbox row's `data` column) and its human sentence
// (the inbox title/body and the email subject/text). Pure and a leaf: the engine (lib/delivery) writes
// kinds and data, the dispatcher and the inbox render them from here.
import { z } from "zod";
import { formatTime } from "../format-time";

/** Kinds about an endpoint: every channel (inbox, email, operational webhook), switchable per channel. */
export const ENDPOINT_NOTIFICATION_KINDS = [
  "endpoint.failing",
  "endpoint.paused",
  "endpoint.disabled",
  "endpoint.recovered",
  "delivery.exhausted",
  "endpoint.signature_unverified",
] as const;

/** Account security notices: email and inbox only, never switched off, never folded by the storm cap. */
export const SECURITY_NOTIFICATION_KINDS = [
  "account.password_changed",
  "account.two_factor_disabled",
  "account.api_key_created",
  "account.sessions_revoked",
] as const;

export const NOTIFICATION_KINDS = [...ENDPOINT_NOTIFICATION_KINDS, ...SECURITY_NOTIFICATION_KINDS] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;
export type EndpointNotificationKind = (typeof ENDPOINT_NOTIFICATION_KINDS)[number];
export const endpointNotificationKindSchema = z.enum(ENDPOINT_NOTIFICATION_KINDS);

export const isSecurityKind = (kind: string): boolean => (SECURITY_NOTIFICATION_KINDS as readonly string[]).includes(kind);

/**
 * Real failures in a row (HTTP errors included, test sends not) that raise endpoint.failing, and from
 * which the dashboard reads an endpoint as Failing: one threshold for the engine and the pages.
 */
export const FAILING_AFTER = 4;

/** The alert states an endpoint moves through (Endpoint.alertState); `ok` is the way back (endpoint.recovered). */
export const ALERT_STATES = ["ok", "failing", "paused", "disabled"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** delivery.exhausted is aggregated per endpoint per UTC hour: this is that row's Notification.dedupeKey. */
export const exhaustedDedupeKey = (endpointId: string, at: Date): string => `delivery.exhausted:${endpointId}:${at.toISOString().slice(0, 13)}`;
/** The start of `at`'s UTC hour: "gave up since 14:00". */
export const hourStart = (at: Date): Date => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

const iso = z.string().datetime({ offset: true });

/**
 * A notification's data: what the operational webhook sends as `data` and the inbox keeps. Endpoint kinds
 * carry endpointId, url, description, state and lastError; the rest depends on the kind.
 */
export const notificationDataSchema = z.strictObject({
  endpointId: z.string().optional(),
  url: z.string().optional(),
  description: z.string().optional(),
  state: z.enum(ALERT_STATES).optional(),
  lastError: z.string().nullable().optional(),
  /** When the trouble started (failing: the first failure of the run; exhausted: the hour's start). */
  since: iso.optional(),
  /** endpoint.paused: when the breaker lets the next probe through. */
  pausedUntil: iso.optional(),
  /** delivery.exhausted: deliveries that gave up in this hour; endpoint.failing: failures in a row. */
  count: z.number().int().nonnegative().optional(),
  /** endpoint.failing: the 15-minute success rate (0..1) when that is what tripped it. */
  successRate: z.number().min(0).max(1).optional(),
  /** Who did it: "merchant:<email>", "api_key:<prefix>" or "system" (endpoint.disabled, security kinds). */
  actor: z.string().optional(),
  /** endpoint.disabled: why (the disabledReason). */
  reason: z.string().optional(),
  /** account.api_key_created: the key's name and prefix (never the key). */
  keyName: z.string().optional(),
  keyPrefix: z.string().optional(),
});
export type NotificationData = z.infer<typeof notificationDataSchema>;

export type RenderedNotification = { title: string; body: string };

const endpointLabel = (d: NotificationData) => d.url ?? "an endpoint";
const lastErrorSentence = (d: NotificationData) => (d.lastError ? ` Last error: ${d.lastError}.` : "");
const byWhom = (actor: string | undefined) => {
  if (!actor || actor === "system") return "automatically";
  if (actor.startsWith("merchant:")) return `by ${actor.slice("merchant:".length)}`;
  if (actor.startsWith("api_key:")) return `by the API key ${actor.slice("api_key:".length)}…`;
  return `by ${actor}`;
};

const RENDER: Record<NotificationKind, (d: NotificationData, count: number) => RenderedNotification> = {
  "endpoint.failing": (d) => ({
    title: `Failing: ${endpointLabel(d)} keeps failing`,
    body:
      (d.successRate !== undefined
        ? `Only ${Math.round(d.successRate * 100)} % of deliveries in the last 15 minutes succeeded`
        : `${d.count ?? 4} deliveries in a row failed`) +
      `${d.since ? ` (failing since ${formatTime(d.since)})` : ""}. They are retried with backoff.${lastErrorSentence(d)}`,
  }),
  "endpoint.paused": (d) => ({
    title: `Paused: ${endpointLabel(d)} is not answering`,
    body: `Deliveries are paused${d.pausedUntil ? ` until ${formatTime(d.pausedUntil)}` : ""} because the endpoint stopped answering; they resume on their own when it answers again.${lastErrorSentence(d)}`,
  }),
  "endpoint.disabled": (d) => ({
    title: `Disabled: ${endpointLabel(d)}`,
    body: `The endpoint was disabled ${byWhom(d.actor)}${d.reason ? `: ${d.reason}` : ""}. No events are sent to it until it is enabled again.`,
  }),
  "endpoint.recovered": (d) => ({
    title: `Recovered: ${endpointLabel(d)} is answering again`,
    body: `A delivery succeeded${d.since ? ` after trouble since ${formatTime(d.since)}` : ""}. Deliveries that gave up meanwhile can be sent again with Recover.`,
  }),
  "delivery.exhausted": (d, count) => ({
    title: `${count} ${count === 1 ? "delivery" : "deliveries"} to ${endpointLabel(d)} gave up${d.since ? ` since ${formatTime(d.since).replace(/ UTC$/, "")} UTC` : ""}`,
    body: `${count === 1 ? "It" : "They"} failed every retry and will not be sent again on their own. Use Recover on the endpoint's page to send them again once it answers.${lastErrorSentence(d)}`,
  }),
  "endpoint.signature_unverified": (d) => ({
    title: `Accepts forged requests: ${endpointLabel(d)}`,
    body: "A test request with a wrong signature was accepted. The handler must verify the webhook-signature header and answer 4xx when it does not match.",
  }),
  "account.password_changed": (d) => ({
    title: "Your password was changed",
    body: `The account's password was changed ${byWhom(d.actor)} and every other session was signed out. If this was not you, reset it now.`,
  }),
  "account.two_factor_disabled": (d) => ({
    title: "Two-factor sign-in was turned off",
    body: `Two-factor sign-in was turned off ${byWhom(d.actor)}. Sign-in now needs only the password.`,
  }),
  "account.api_key_created": (d) => ({
    title: `API key ${d.keyName ? `"${d.keyName}" ` : ""}was created`,
    body: `A new API key${d.keyPrefix ? ` (${d.keyPrefix}…)` : ""} was created ${byWhom(d.actor)}. It can manage endpoints and deliveries. Revoke it in Settings if you do not know it.`,
  }),
  "account.sessions_revoked": (d) => ({
    title: "All sessions were signed out",
    body: `Every session of the account was signed out ${byWhom(d.actor)}.`,
  }),
};

/** The human sentence of one notification: the inbox title/body, the email subject and first paragraph. */
export function renderNotification(kind: NotificationKind, data: NotificationData, count = 1): RenderedNotification {
  return RENDER[kind](data, count);
}
