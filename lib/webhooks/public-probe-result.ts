// The public signature-probe verdict (POST /api/v1/webhooks/{id}/probe).
import { z } from "zod";

export const probeResultSchema = z.object({
  acceptsInvalidSignature: z.boolean(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number(),
  checkedAt: z.string(),
  error: z.string().nullable(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;
