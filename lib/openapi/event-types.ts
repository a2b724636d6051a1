// The event catalog: every event type we send to merchants' endpoints, with a description, the schema of
// its envelope and `data`, and an example body exactly as delivered (the seed's envelope: keys in wire
// order, mixed case included). One source for GET /api/v1/event-types, the Developers → Event catalog
// page and the OpenAPI document's `webhooks` section.
import { z } from "zod";
import { API_VERSION, checkoutSessionSchema, eventDataSchemas, type EventType } from "@/lib/events/catalog";
import { SIGNATURE_PROBE_TYPE } from "@/lib/webhooks/probe-signature";
import { completedData } from "./examples";
import { eventTypesSchema } from "./public-event-type";
export { eventTypeSchema, eventTypesSchema, type PublicEventType } from "./public-event-type";

const EXAMPLE_ID = "5f0c8a2e-3b1d-4c6e-9a7f-2d4b6e8f0a1c";
const EXAMPLE_CREATED = 1796652300000;

export type CatalogEntry = {
  type: string;
  /** The envelope's `object`. */
  object: string;
  summary: string;
  description: string;
  data: z.ZodType;
  /** The body as delivered: JSON.stringify of this object, byte for byte. */
  example: Record<string, unknown>;
};

const envelopeExample = (type: string, object: string, data: unknown) => ({ id: EXAMPLE_ID, apiVersion: API_VERSION, created: EXAMPLE_CREATED, object, type, data });

const checkout = (type: EventType, summary: string, description: string): CatalogEntry => ({
  type,
  object: "checkoutSession",
  summary,
  description: `${description} Send Test Event sends the same shape with sample values (marked as a test in the dashboard).`,
  data: eventDataSchemas[type],
  // Parsed through the schema so the keys come out in the order the wire format writes them.
  example: envelopeExample(type, "checkoutSession", type === "checkout_session.completed" ? { object: checkoutSessionSchema.parse(completedData.object) } : null),
});

export const EVENT_CATALOG: CatalogEntry[] = [
  checkout("checkout_session.completed", "A checkout session was paid", "The customer paid: `data.object` is the checkout session (amounts are decimal strings in `currency`, the on-chain `transaction_hash`)."),
  checkout("checkout_session.expired", "A checkout session expired unpaid", "The session's time ran out before payment. `data` is `null`."),
  checkout("checkout_session.canceled", "A checkout session was canceled", "The customer or the merchant canceled the session. `data` is `null`."),
  {
    type: SIGNATURE_PROBE_TYPE,
    object: "signatureProbe",
    summary: "Signature verification check",
    description:
      "Sent only when the merchant clicks Check now (Signature verification): signed with a wrong secret on purpose. Your server must refuse it (any non-2xx); answering 2xx means it would accept a forged request. `data` is `null`.",
    data: z.null(),
    example: envelopeExample(SIGNATURE_PROBE_TYPE, "signatureProbe", null),
  },
];

/** The envelope schema of one catalog entry (what the body of the POST to the endpoint is). */
export const envelopeSchema = (entry: CatalogEntry) =>
  z.strictObject({
    id: z.uuid().meta({ description: "The event id: also the `webhook-id` header, the same on every retry (your idempotency key)" }),
    apiVersion: z.literal(API_VERSION),
    created: z.number().int().meta({ description: "When the event happened, unix milliseconds" }),
    object: z.literal(entry.object),
    type: z.literal(entry.type),
    data: entry.data,
  });

/** GET /api/v1/event-types */
export function eventTypes(): z.infer<typeof eventTypesSchema> {
  return eventTypesSchema.parse({
    data: EVENT_CATALOG.map((e) => ({
      type: e.type,
      object: e.object,
      summary: e.summary,
      description: e.description,
      dataSchema: z.toJSONSchema(e.data, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>,
      example: e.example,
      exampleBody: JSON.stringify(e.example),
    })),
  });
}
