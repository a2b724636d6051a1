import { db } from "@/lib/db/client";
import { toPublicEndpoint, type PublicEndpoint } from "./public-endpoint";

/** The merchant's webhooks (the operational webhook is not one of them: Settings shows it). */
export async function listEndpoints(merchantId: string): Promise<PublicEndpoint[]> {
  const rows = await db.endpoint.findMany({ where: { merchantId, kind: "merchant" }, orderBy: { createdAt: "asc" } });
  return rows.map(toPublicEndpoint);
}
