// Delivery statuses as the API shows them, declared once: "retrying" is a pending delivery that has
// been attempted at least once. The delivery log's filter and every public delivery use this list.
import { z } from "zod";
import { pageQuerySchema } from "./pagination";

export const DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** The public status of a stored delivery (stored statuses: pending, succeeded, failed). */
export function publicDeliveryStatus(row: { status: string; attemptCount: number }): DeliveryStatus {
  if (row.status === "pending") return row.attemptCount > 0 ? "retrying" : "pending";
  return deliveryStatusSchema.parse(row.status);
}

/** When a pending delivery is due next; null once it is closed. */
export const nextAttemptAt = (row: { status: string; nextAttemptAt: Date | null }) => (row.status === "pending" ? (row.nextAttemptAt?.toISOString() ?? null) : null);

/** Deliveries still on their way: lists poll while one is on screen. */
export const inFlight = (status: DeliveryStatus) => status === "pending" || status === "retrying";

export const listDeliveriesQuerySchema = pageQuerySchema.extend({ status: deliveryStatusSchema.optional() });
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;
