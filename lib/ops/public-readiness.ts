// The public GET /readyz answer. It needs no authentication, so it names the checks and how they went,
// never internals (causes go to the log: check-readiness.ts).
import { z } from "zod";

export const checkSchema = z.object({ status: z.enum(["ok", "failed", "skipped"]), message: z.string().optional() });
export type Check = z.infer<typeof checkSchema>;

const checksSchema = z.object({ database: checkSchema, migrations: checkSchema, worker: checkSchema });
export type CheckName = keyof z.infer<typeof checksSchema>;

export const readinessSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  failed: z.array(checksSchema.keyof()),
  checks: checksSchema,
});
export type PublicReadiness = z.infer<typeof readinessSchema>;
