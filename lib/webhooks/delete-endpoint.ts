import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";

/** Deletes the endpoint (its deliveries go with it) and frees its slot in the same transaction. */
export async function deleteEndpoint(merchantId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const removed = await tx.endpoint.deleteMany({ where: { id, merchantId } });
    if (removed.count === 0) throw notFound();
    await tx.merchant.update({ where: { id: merchantId }, data: { endpointCount: { decrement: 1 } } });
  });
}
