// Shapes of the delivery and event API responses as the browser sees them (type-only imports of the public schemas).
import type { DeliveryStatus } from "@/lib/validation/deliveries";

export type { PublicAttempt as Attempt, PublicDelivery as Delivery, PublicDeliveryDetail as DeliveryDetail } from "@/lib/delivery-log/public-delivery";
export type { ResendResult } from "@/lib/delivery-log/public-operations";
export type { PublicEvent as EventSummary, PublicEventDetail as EventDetail } from "@/lib/events/public-event";
export { inFlight, type DeliveryStatus } from "@/lib/validation/deliveries";

/** Each status in words, for the badge and the filter (the statuses themselves: lib/validation/deliveries.ts). */
export const STATUS_LABEL: Record<DeliveryStatus, string> = { succeeded: "Succeeded", failed: "Failed", retrying: "Retrying", pending: "Pending" };

/** The delivery log's filter, in the order it shows them. */
export const STATUS_FILTERS: Array<{ label: string; value?: DeliveryStatus }> = [
  { label: "All" },
  ...(["succeeded", "failed", "retrying", "pending"] as const).map((value) => ({ label: STATUS_LABEL[value], value })),
];
