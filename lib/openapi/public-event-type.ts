// The public shape of one event catalog entry (GET /api/v1/event-types, the Event catalog page).
import { z } from "zod";

export const eventTypeSchema = z.strictObject({
  type: z.string(),
  object: z.string(),
  summary: z.string(),
  description: z.string(),
  dataSchema: z.record(z.string(), z.unknown()).meta({ description: "JSON Schema (2020-12) of `data`" }),
  example: z.record(z.string(), z.unknown()).meta({ description: "An example envelope" }),
  exampleBody: z.string().meta({ description: "The same example exactly as delivered: the request body, byte for byte" }),
});
export type PublicEventType = z.infer<typeof eventTypeSchema>;
export const eventTypesSchema = z.object({ data: z.array(eventTypeSchema) });

