// The public shapes of the delivery log's operations: endpoint stats (GET /api/v1/webhooks/{id}/stats),
// Recover (POST and GET /api/v1/webhooks/{id}/recover), Retry now (POST .../retry-now) and Resend (POST /api/v1/deliveries/{id}/retry).
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

// A dry run of Recover or Retry now: how many it would send.
export const recoverResultSchema = z.object({ count: z.number().int() });
// Recover or Retry now, done: how many it queued, and the recovery that tracks exactly those (null if none).
export const recoverStartedSchema = recoverResultSchema.extend({ recoveryId: z.string().nullable() });
// GET .../recover?since= : the endpoint's real deliveries since then, still pending or failed.
export const publicRecoverProgressSchema = z.object({ pending: z.number().int(), failed: z.number().int() });
// GET .../recover?recovery=<id> : over exactly the recovered set, how many were delivered (sent), failed
// again (failed: closed as failed, or attempted since and waiting on a retry) and are still to go
// (pending); finished once none is pending.
export const publicRecoveryProgressSchema = publicRecoverProgressSchema.extend({
  recoveryId: z.string(),
  total: z.number().int(),
  sent: z.number().int(),
  finished: z.boolean(),
});
export type RecoverResult = z.infer<typeof recoverResultSchema>;
export type RecoverStarted = z.infer<typeof recoverStartedSchema>;
export type PublicRecoverProgress = z.infer<typeof publicRecoverProgressSchema>;
export type PublicRecoveryProgress = z.infer<typeof publicRecoveryProgressSchema>;
export const resendResultSchema = z.object({ id: z.string(), status: z.literal("pending") });
export type ResendResult = z.infer<typeof resendResultSchema>;
