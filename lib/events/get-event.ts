import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { deliverySummarySelect, publicEventDetailSchema, toPublicEvent, type PublicEventDetail } from "./public-event";

/** One event with its payload exactly as sent and its per-endpoint delivery status. */
export async function getEvent(merchantId: string, id: string): Promise<PublicEventDetail> {
  const row = await db.event.findFirst({
    where: { id, merchantId },
    select: { id: true, type: true, createdAt: true, isTest: true, payload: true, deliveries: deliverySummarySelect },
  });
  if (!row) throw notFound("Event");
  return publicEventDetailSchema.parse({ ...toPublicEvent(row), payload: JSON.parse(row.payload) });
}
