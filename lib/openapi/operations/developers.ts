// /api/v1/openapi.json (this document) and /api/v1/event-types (the event catalog): public, like Stripe's and
// Svix's, so generators, Postman and the reference page can read them without a key.
import { z } from "zod";
import { defineOperation } from "../define";
import { eventTypes, eventTypesSchema } from "../event-types";

export const developerOperations = [
  defineOperation({
    method: "get", path: "/api/v1/openapi.json", operationId: "getOpenApiDocument", tag: "Developers", auth: "public",
    summary: "This OpenAPI document",
    responses: {
      200: {
        description: "The OpenAPI 3.1 document of the API and its webhooks",
        schema: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) }),
        example: { openapi: "3.1.0", info: { title: "DashX Webhooks API", version: "1" } },
      },
    },
  }),
];

developerOperations.push(
  defineOperation({
    method: "get", path: "/api/v1/event-types", operationId: "listEventTypes", tag: "Developers", auth: "public",
    summary: "The event catalog",
    description: "Every event type we send to endpoints: its description, the JSON Schema of `data` and an example body exactly as delivered. The same schemas are in this document's `webhooks` section.",
    responses: { 200: { description: "The catalog", schema: eventTypesSchema, example: eventTypes() } },
  }),
);
