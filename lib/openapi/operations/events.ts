// /api/v1/events/**: the merchant's events, and the payments core's intake.
import { z } from "zod";
import { publicEventDetailSchema, publicEventSchema } from "@/lib/events/public-event";
import { publishedEventSchema } from "@/lib/events/public-published-event";
import { listEventsQuerySchema } from "@/lib/validation/events";
import { idempotencyKeySchema, intakeSchema } from "@/lib/validation/intake";
import { eventDataSchemas, EVENT_TYPES } from "@/lib/events/catalog";
import { defineOperation, describePaging, idParam, pageOf } from "../define";
import { completedData, envelopeExample, eventExample, NEXT_CURSOR } from "../examples";

/** `data` is checked by the schema its `type` picks (intakeSchema's transform): documented as each type's schema. */
const intakeBody = intakeSchema.meta({
  override: ({ jsonSchema }: { jsonSchema: { properties?: Record<string, unknown> } }) => {
    jsonSchema.properties = { ...jsonSchema.properties, data: {
      description: "The type's data: the checkout session for `checkout_session.completed`, `null` for the others",
      anyOf: EVENT_TYPES.map((type) => {
        const { $schema: _drop, ...schema } = z.toJSONSchema(eventDataSchemas[type], { target: "draft-2020-12", io: "input" });
        return { ...schema, description: type };
      }),
    } };
  },
});

export const eventOperations = [
  defineOperation({
    method: "get", path: "/api/v1/events", operationId: "listEvents", tag: "Events", auth: "merchant",
    params: { query: describePaging(listEventsQuerySchema) },
    summary: "List events",
    description: "The merchant's events, newest first, with each endpoint's delivery status; keyset-paginated.",
    responses: { 200: { description: "A page of events", schema: pageOf(publicEventSchema), example: { data: [eventExample], nextCursor: NEXT_CURSOR } } },
    errors: ["bad_request"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/events", operationId: "publishEvent", tag: "Events", auth: "platform",
    params: { header: z.object({ "idempotency-key": idempotencyKeySchema.meta({ description: "The same key again returns the first event, not a second one", example: "order-42" }) }) },
    summary: "Publish an event (payments core)",
    description: "For the payments core, with `Authorization: Bearer $PLATFORM_API_TOKEN`: stores the event and one delivery per matching enabled endpoint of the merchant, in one transaction. `data` must match the type: the checkout session for `completed`, `null` for `expired` and `canceled` (see the `webhooks` section).",
    body: { schema: intakeBody, example: { merchantId: "cmiv3j7aa0000mx01a1b2c3d4", type: "checkout_session.completed", data: completedData } },
    responses: { 202: { description: "Accepted: the event id and how many deliveries it queued", schema: publishedEventSchema, example: { id: envelopeExample.id, deliveries: 2 } } },
    errors: ["not_found", "conflict"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/events/{id}", operationId: "getEvent", tag: "Events", auth: "merchant",
    params: { path: idParam("event") },
    summary: "Get an event",
    responses: { 200: { description: "The event, its payload exactly as sent, and its deliveries", schema: publicEventDetailSchema, example: { ...eventExample, payload: envelopeExample } } },
  }),
];
