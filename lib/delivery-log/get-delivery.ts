import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { publicDeliveryDetailSchema, toPublicAttempt, toPublicDelivery, type PublicDeliveryDetail } from "./public-delivery";

/** One delivery with every attempt's exact request and response. */
export async function getDelivery(merchantId: string, id: string): Promise<PublicDeliveryDetail> {
  const row = await db.delivery.findFirst({
    where: { id, merchantId },
    include: { event: { select: { type: true, isTest: true, payload: true } }, attempts: { orderBy: { attemptNumber: "desc" } } },
  });
  if (!row) throw notFound("Delivery");
  return publicDeliveryDetailSchema.parse({ ...toPublicDelivery(row), attemptLog: row.attempts.map((a) => toPublicAttempt(a, row.event.payload)) });
}
