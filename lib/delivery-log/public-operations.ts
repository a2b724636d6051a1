// The public shapes of the delivery log's operations: endpoint stats (GET /api/v1/webhooks/{id}/stats),
// Recover (POST and GET /api/v1/webhooks/{id}/recover) and Resend (POST /api/v1/deliveries/{id}/retry).
import { z } from "zod";

export const statsBucketSchema = z.object({ start: z.string(), succeeded: z.number().int(), failed: z.number().int() });
export const endpointWindowStatsSchema = z.object({
  buckets: z.array(statsBucketSchema),
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
});
export type StatsBucket = z.infer<typeof statsBucketSchema>;
export type EndpointWindowStats = z.infer<typeof endpointWindowStatsSchema>;

export const recoverResultSchema = z.object({ count: z.number().int() });
export const publicRecoverProgressSchema = z.object({ pending: z.number().int(), failed: z.number().int() });
export type RecoverResult = z.infer<typeof recoverResultSchema>;
export type PublicRecoverProgress = z.infer<typeof publicRecoverProgressSchema>;
export const resendResultSchema = z.object({ id: z.string(), status: z.literal("pending") });
export type ResendResult = z.infer<typeof resendResultSchema>;
