import { db } from "@/lib/db/client";
import { publicAuditEntrySchema, type PublicAuditEntry } from "./public-audit-entry";

/** The endpoint's audit trail, newest first (empty for another merchant's endpoint). */
export async function listAudit(merchantId: string, endpointId: string, limit = 50): Promise<PublicAuditEntry[]> {
  const rows = await db.auditEntry.findMany({ where: { merchantId, endpointId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map((r) => publicAuditEntrySchema.parse({ id: r.id, actor: r.actor, action: r.action, detail: r.detail, createdAt: r.createdAt.toISOString() }));
}
