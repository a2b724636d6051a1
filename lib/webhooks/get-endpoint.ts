import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import type { Endpoint } from "@/lib/generated/prisma/client";

/** The merchant's endpoint row or a 404 (also for other merchants' ids: existence never leaks). */
export async function getEndpointRow(merchantId: string, id: string): Promise<Endpoint> {
  const row = await db.endpoint.findFirst({ where: { id, merchantId } });
  if (!row) throw notFound();
  return row;
}
