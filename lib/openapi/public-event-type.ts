// The public shape of one event catalog entry (GET /api/v1/event-types, the Event catalog page).
import { z } from "zod";

export const eventTypeSchema = z.strictObject({
  type: z.string(),
  channel: z.enum(["endpoint", "operational"]).meta({ description: "endpoint: sent to your webhook endpoints; operational: to the operational webhook (Settings → Notifications)" }),
  object: z.string().nullable().meta({ description: "The envelope's `object`; null for operational webhook bodies (`{type, timestamp, data}`)" }),
  summary: z.string(),
  description: z.string(),
  dataSchema: z.record(z.string(), z.unknown()).meta({ description: "JSON Schema (2020-12) of `data`" }),
  example: z.record(z.string(), z.unknown()).meta({ description: "An example body" }),
  exampleBody: z.string().meta({ description: "The same example exactly as delivered: the request body, byte for byte" }),
});
export type PublicEventType = z.infer<typeof eventTypeSchema>;
export const eventTypesSchema = z.object({ data: z.array(eventTypeSchema) });

