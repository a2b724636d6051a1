import { db } from "@/lib/db/client";
import { toPublicEndpoint, type PublicEndpoint } from "./public-endpoint";

export async function listEndpoints(merchantId: string): Promise<PublicEndpoint[]> {
  const rows = await db.endpoint.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" } });
  return rows.map(toPublicEndpoint);
}
