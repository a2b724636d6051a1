// The public Event shape (events list, event detail) with each endpoint's delivery status.
import { z } from "zod";
import { deliveryStatusSchema, nextAttemptAt, publicDeliveryStatus } from "@/lib/validation/deliveries";

export const publicEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  created: z.number().int(),
  createdAt: z.string(),
  isTest: z.boolean(),
  deliveries: z.array(
    z.object({
      id: z.string(),
      endpointId: z.string(),
      endpointUrl: z.string(),
      status: deliveryStatusSchema,
      attempts: z.number().int(),
      lastStatusCode: z.number().int().nullable(),
      nextAttemptAt: z.string().nullable(),
    }),
  ),
});
export type PublicEvent = z.infer<typeof publicEventSchema>;
/** The event detail: the payload exactly as sent. */
export const publicEventDetailSchema = publicEventSchema.extend({ payload: z.unknown() });
export type PublicEventDetail = z.infer<typeof publicEventDetailSchema>;

export const deliverySummarySelect = {
  select: { id: true, endpointId: true, status: true, attemptCount: true, lastStatusCode: true, nextAttemptAt: true, endpoint: { select: { url: true } } },
} as const;

type Row = {
  id: string;
  type: string;
  createdAt: Date;
  isTest: boolean;
  deliveries: Array<{ id: string; endpointId: string; status: string; attemptCount: number; lastStatusCode: number | null; nextAttemptAt: Date | null; endpoint: { url: string } }>;
};

export function toPublicEvent(row: Row): PublicEvent {
  return publicEventSchema.parse({
    id: row.id,
    type: row.type,
    created: row.createdAt.getTime(),
    createdAt: row.createdAt.toISOString(),
    isTest: row.isTest,
    deliveries: row.deliveries.map((d) => ({
      id: d.id,
      endpointId: d.endpointId,
      endpointUrl: d.endpoint.url,
      status: publicDeliveryStatus(d),
      attempts: d.attemptCount,
      lastStatusCode: d.lastStatusCode,
      nextAttemptAt: nextAttemptAt(d),
    })),
  });
}
