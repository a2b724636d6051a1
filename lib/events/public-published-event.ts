// POST /api/v1/events (202): the accepted event's id and how many deliveries it queued. A replayed
// Idempotency-Key answers the first event's, in the same shape.
import { z } from "zod";

export const publishedEventSchema = z.object({ id: z.string(), deliveries: z.number().int() });
export type PublishedEvent = z.infer<typeof publishedEventSchema>;
