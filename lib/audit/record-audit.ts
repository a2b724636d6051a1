// The audit trail: who created, changed, deleted, tested, rotated, enabled or disabled what, and when.
import { db } from "@/lib/db/client";

/** "merchant:<email>" (dashboard session), "api_key:<prefix>" (bearer key) or "system". */
export type Actor = string;
export const SYSTEM_ACTOR: Actor = "system";

export type AuditInput = { merchantId: string; endpointId?: string; actor: Actor; action: string; detail?: Record<string, unknown> };

export async function recordAudit({ merchantId, endpointId, actor, action, detail = {} }: AuditInput): Promise<void> {
  await db.auditEntry.create({ data: { merchantId, endpointId, actor, action, detail: JSON.stringify(detail) } });
}

export type PublicAuditEntry = { id: string; actor: string; action: string; detail: Record<string, unknown>; createdAt: string };

export async function listAudit(merchantId: string, endpointId: string, limit = 50): Promise<PublicAuditEntry[]> {
  const rows = await db.auditEntry.findMany({ where: { merchantId, endpointId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map((r) => ({ id: r.id, actor: r.actor, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown>, createdAt: r.createdAt.toISOString() }));
}
