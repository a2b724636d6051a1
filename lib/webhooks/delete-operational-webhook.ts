import { recordAudit, SYSTEM_ACTOR, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { noOperationalWebhook } from "./get-operational-webhook";

/** Removes the operational webhook (its deliveries go with it); it held no endpoint slot, so none is freed. 404 when there is none. */
export async function deleteOperationalWebhook(merchantId: string, actor: Actor = SYSTEM_ACTOR): Promise<void> {
  const row = await db.endpoint.findFirst({ where: { merchantId, kind: "operational" }, select: { id: true } });
  const removed = await db.endpoint.deleteMany({ where: { merchantId, kind: "operational" } });
  if (removed.count === 0) throw noOperationalWebhook();
  await recordAudit({ merchantId, endpointId: row?.id, actor, action: "operational_webhook.deleted" });
}
