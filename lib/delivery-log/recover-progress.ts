import { db } from "@/lib/db/client";
import { recoverProgressSchema } from "@/lib/validation/operations";
import { getEndpointRow } from "@/lib/webhooks/get-endpoint";
import { publicRecoverProgressSchema } from "./public-operations";

/** For the dialog's progress: this endpoint's real deliveries created since `since`, still pending or failed. */
export async function recoverProgress(merchantId: string, endpointId: string, query: { since?: string }): Promise<{ pending: number; failed: number }> {
  const endpoint = await getEndpointRow(merchantId, endpointId); // first: another merchant's id is a 404, whatever the query
  const { since } = recoverProgressSchema.parse(query);
  const base = { merchantId, endpointId: endpoint.id, createdAt: { gte: since }, event: { isTest: false } };
  const [pending, failed] = await Promise.all([
    db.delivery.count({ where: { ...base, status: "pending" } }),
    db.delivery.count({ where: { ...base, status: "failed" } }),
  ]);
  return publicRecoverProgressSchema.parse({ pending, failed });
}
