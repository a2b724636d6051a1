// The public audit entry shape (GET /api/v1/webhooks/{id}/audit, the endpoint page's audit log).
import { z } from "zod";

export const publicAuditEntrySchema = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type PublicAuditEntry = z.infer<typeof publicAuditEntrySchema>;
