// The public Send Test Event result (POST /api/v1/webhooks/{id}/test), written once: the route answers
// with it and the dashboard reads it.
import { z } from "zod";

export const testEventResultSchema = z.object({
  delivered: z.boolean(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  errorKind: z.string().nullable(),
  eventId: z.string(),
});
export type TestEventResult = z.infer<typeof testEventResultSchema>;
