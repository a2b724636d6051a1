// The public Delivery and Attempt shapes (delivery log, delivery detail): every response goes through
// these schemas, so only whitelisted fields leave the server.
import { z } from "zod";
import type { Attempt, Delivery } from "@/lib/generated/prisma/client";
import { deliveryStatusSchema, nextAttemptAt, publicDeliveryStatus } from "@/lib/validation/deliveries";

export const publicDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  endpointId: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
  isTest: z.boolean(),
});
export type PublicDelivery = z.infer<typeof publicDeliverySchema>;

const headersSchema = z.record(z.string(), z.string()).nullable();

export const publicAttemptSchema = z.object({
  id: z.string(),
  attemptNumber: z.number().int(),
  createdAt: z.string(),
  durationMs: z.number().nullable(),
  request: z.object({ headers: headersSchema, body: z.string() }),
  response: z.object({ status: z.number().int().nullable(), headers: headersSchema, body: z.string().nullable() }).nullable(),
  errorKind: z.string().nullable(),
  errorMessage: z.string().nullable(),
});
export type PublicAttempt = z.infer<typeof publicAttemptSchema>;

// attemptLog holds the newest attempts (at most 20); nextAttemptCursor, when not null, fetches older ones
// with ?attemptsCursor=.
export const publicDeliveryDetailSchema = publicDeliverySchema.extend({ attemptLog: z.array(publicAttemptSchema), nextAttemptCursor: z.string().nullable() });
export type PublicDeliveryDetail = z.infer<typeof publicDeliveryDetailSchema>;

export function toPublicDelivery(row: Delivery & { event: { type: string; isTest: boolean } }): PublicDelivery {
  return publicDeliverySchema.parse({
    id: row.id,
    eventId: row.eventId,
    eventType: row.event.type,
    endpointId: row.endpointId,
    status: publicDeliveryStatus(row),
    attempts: row.attemptCount,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastDurationMs: row.lastDurationMs,
    nextAttemptAt: nextAttemptAt(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    isTest: row.event.isTest,
  });
}

export function toPublicAttempt(row: Attempt, requestBody: string): PublicAttempt {
  return publicAttemptSchema.parse({
    id: row.id,
    attemptNumber: row.attemptNumber,
    createdAt: row.createdAt.toISOString(),
    durationMs: row.durationMs,
    request: { headers: row.requestHeaders, body: requestBody },
    response: row.responseStatus === null && row.responseHeaders === null ? null : { status: row.responseStatus, headers: row.responseHeaders, body: row.responseBody },
    errorKind: row.errorKind,
    errorMessage: row.errorMessage,
  });
}
