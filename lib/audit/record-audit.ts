// The audit trail: who created, changed, deleted, tested, rotated, enabled or disabled what, and when.
import { db, type Prisma } from "@/lib/db/client";

/** "merchant:<email>" (dashboard session), "api_key:<prefix>" (bearer key) or "system". */
export type Actor = string;
export const SYSTEM_ACTOR: Actor = "system";

export type AuditInput = { merchantId: string; endpointId?: string; actor: Actor; action: string; detail?: Prisma.InputJsonObject };

export async function recordAudit({ merchantId, endpointId, actor, action, detail = {} }: AuditInput): Promise<void> {
  await db.auditEntry.create({ data: { merchantId, endpointId, actor, action, detail } });
}
