// The event catalog: every event type we send, with a description, the schema of its body and `data`, and
// an example body exactly as delivered. Two families: the events sent to the merchant's webhook endpoints
// (the seed's envelope: keys in wire order, mixed case included) and the notification kinds sent to the
// operational webhook (`{type, timestamp, data}`, lib/notifications/operational.ts). One source for
// GET /api/v1/event-types, the Developers → Event catalog page and the OpenAPI document's `webhooks`.
import { z } from "zod";
import { API_VERSION, checkoutSessionSchema, eventDataSchemas, type EventType } from "@/lib/events/catalog";
import { ENDPOINT_NOTIFICATION_KINDS, notificationDataSchema, type EndpointNotificationKind, type NotificationData } from "@/lib/notifications/kinds";
import { operationalPayload } from "@/lib/notifications/operational";
import { SIGNATURE_PROBE_TYPE } from "@/lib/webhooks/probe-signature";
import { completedData } from "./examples";
import { eventTypesSchema } from "./public-event-type";
export { eventTypeSchema, eventTypesSchema, type PublicEventType } from "./public-event-type";

const EXAMPLE_ID = "5f0c8a2e-3b1d-4c6e-9a7f-2d4b6e8f0a1c";
const EXAMPLE_CREATED = 1796652300000;

export type CatalogEntry = {
  type: string;
  /** endpoint: sent to the merchant's webhook endpoints; operational: to the operational webhook. */
  channel: "endpoint" | "operational";
  /** The envelope's `object`; null for the operational webhook's bodies, which have none. */
  object: string | null;
  summary: string;
  description: string;
  data: z.ZodType;
  /** The whole body's schema (closed). */
  body: z.ZodType;
  /** The body as delivered: JSON.stringify of this object, byte for byte. */
  example: Record<string, unknown>;
};

const envelopeExample = (type: string, object: string, data: unknown) => ({ id: EXAMPLE_ID, apiVersion: API_VERSION, created: EXAMPLE_CREATED, object, type, data });

/** The envelope of the events sent to merchants' endpoints. */
const eventEnvelope = (type: string, object: string, data: z.ZodType) =>
  z.strictObject({
    id: z.uuid().meta({ description: "The event id: also the `webhook-id` header, the same on every retry (your idempotency key)" }),
    apiVersion: z.literal(API_VERSION),
    created: z.number().int().meta({ description: "When the event happened, unix milliseconds" }),
    object: z.literal(object),
    type: z.literal(type),
    data,
  });

const checkout = (type: EventType, summary: string, description: string): CatalogEntry => ({
  type,
  channel: "endpoint",
  object: "checkoutSession",
  body: eventEnvelope(type, "checkoutSession", eventDataSchemas[type]),
  summary,
  description: `${description} Send Test Event sends the same shape with sample values (marked as a test in the dashboard).`,
  data: eventDataSchemas[type],
  // Parsed through the schema so the keys come out in the order the wire format writes them.
  example: envelopeExample(type, "checkoutSession", type === "checkout_session.completed" ? { object: checkoutSessionSchema.parse(completedData.object) } : null),
});

// ---- the operational webhook's kinds ----

const EXAMPLE_AT = new Date(EXAMPLE_CREATED);
const exampleEndpoint = { endpointId: "ep_4kq8m2x7c1v9", url: "https://shop.example/hooks", description: "Order fulfilment" };
/** Example data per kind, in the key order the engine writes (lib/delivery/endpoint-change.ts). */
const OPERATIONAL_EXAMPLES: Record<EndpointNotificationKind, { summary: string; data: NotificationData; count?: number; when: string }> = {
  "endpoint.failing": {
    summary: "An endpoint keeps failing",
    when: "the endpoint's deliveries failed 4 times in a row (any event), or under 50 % of its recent deliveries (at least 10, last 15 minutes) succeeded (then `successRate` is set)",
    data: { ...exampleEndpoint, state: "failing", lastError: "HTTP 500", count: 4, since: "2026-12-08T14:01:12.000Z" },
  },
  "endpoint.paused": {
    summary: "An endpoint was paused",
    when: "the circuit breaker paused deliveries because the endpoint stopped answering; they resume on their own at `pausedUntil`",
    data: { ...exampleEndpoint, state: "paused", lastError: "connect ECONNREFUSED", pausedUntil: "2026-12-08T14:05:30.000Z", since: "2026-12-08T14:01:12.000Z" },
  },
  "endpoint.disabled": {
    summary: "An endpoint was disabled",
    when: "the endpoint was disabled: automatically (5 days failing, or `410 Gone`; `actor` is `system`) or by a person (`actor` says who)",
    data: { ...exampleEndpoint, state: "disabled", lastError: "HTTP 410", actor: "system", reason: "The endpoint answered 410 Gone" },
  },
  "endpoint.recovered": {
    summary: "An endpoint recovered",
    when: "the first success after failing, paused, or disabled-then-enabled",
    data: { ...exampleEndpoint, state: "ok", lastError: null, since: "2026-12-08T14:01:12.000Z" },
  },
  "delivery.exhausted": {
    summary: "Deliveries gave up",
    when: "deliveries gave up after their last retry; aggregated per endpoint per hour (`count` deliveries since `since`), sent once the hour's row has been quiet for 30 s",
    data: { ...exampleEndpoint, state: "failing", lastError: "HTTP 500", since: "2026-12-08T14:00:00.000Z" },
    count: 37,
  },
  "endpoint.signature_unverified": {
    summary: "An endpoint accepts forged requests",
    when: "a signature check found the receiver accepts a request signed with the wrong secret",
    data: { ...exampleEndpoint, state: "ok", lastError: null },
  },
};

function operational(kind: EndpointNotificationKind): CatalogEntry {
  const { summary, data, count = 1, when } = OPERATIONAL_EXAMPLES[kind];
  const example = operationalPayload(kind, notificationDataSchema.parse(data), count, EXAMPLE_AT);
  return {
    type: kind,
    channel: "operational",
    object: null,
    summary,
    description: `Sent to the operational webhook (Settings → Notifications) when ${when}. The body is \`{type, timestamp, data}\`; never sent about the operational endpoint itself.`,
    data: notificationDataSchema,
    body: z.strictObject({
      type: z.literal(kind),
      timestamp: z.iso.datetime().meta({ description: "When the change happened (ISO 8601, UTC)" }),
      data: notificationDataSchema,
    }),
    example: example as unknown as Record<string, unknown>, // a plain JSON object: OperationalPayload's fields
  };
}

export const EVENT_CATALOG: CatalogEntry[] = [
  checkout("checkout_session.completed", "A checkout session was paid", "The customer paid: `data.object` is the checkout session (amounts are decimal strings in `currency`, the on-chain `transaction_hash`)."),
  checkout("checkout_session.expired", "A checkout session expired unpaid", "The session's time ran out before payment. `data` is `null`."),
  checkout("checkout_session.canceled", "A checkout session was canceled", "The customer or the merchant canceled the session. `data` is `null`."),
  {
    type: SIGNATURE_PROBE_TYPE,
    channel: "endpoint",
    object: "signatureProbe",
    body: eventEnvelope(SIGNATURE_PROBE_TYPE, "signatureProbe", z.null()),
    summary: "Signature verification check",
    description:
      "Sent only when the merchant clicks Check now (Signature verification): signed with a wrong secret on purpose. Your server must refuse it (any non-2xx); answering 2xx means it would accept a forged request. `data` is `null`.",
    data: z.null(),
    example: envelopeExample(SIGNATURE_PROBE_TYPE, "signatureProbe", null),
  },
  ...ENDPOINT_NOTIFICATION_KINDS.map(operational),
];

/** The schema of one catalog entry's body (what the POST to the endpoint carries). */
export const envelopeSchema = (entry: CatalogEntry) => entry.body;

/** GET /api/v1/event-types */
export function eventTypes(): z.infer<typeof eventTypesSchema> {
  return eventTypesSchema.parse({
    data: EVENT_CATALOG.map((e) => ({
      type: e.type,
      channel: e.channel,
      object: e.object,
      summary: e.summary,
      description: e.description,
      dataSchema: z.toJSONSchema(e.data, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>,
      example: e.example,
      exampleBody: JSON.stringify(e.example),
    })),
  });
}
