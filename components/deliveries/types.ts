// Shapes of the delivery and event API responses as the browser sees them (type-only imports of the public schemas).
import type { DeliveryStatus } from "@/lib/validation/deliveries";

export type { PublicAttempt as Attempt, PublicDelivery as Delivery, PublicDeliveryDetail as DeliveryDetail } from "@/lib/delivery-log/public-delivery";
export type { ResendResult } from "@/lib/delivery-log/public-operations";
export type { PublicEvent as EventSummary, PublicEventDetail as EventDetail } from "@/lib/events/public-event";
export { inFlight, type DeliveryStatus } from "@/lib/validation/deliveries";

/**
 * Each status in words, for the badge and the filter, in the order the filter shows them (the statuses
 * themselves: lib/validation/deliveries.ts; the Record type makes every one of them need a label here).
 */
export const STATUS_LABEL: Record<DeliveryStatus, string> = { succeeded: "Succeeded", failed: "Failed", retrying: "Retrying", pending: "Pending" };

/** The delivery log's filter: All, then every status in STATUS_LABEL's order. */
export const STATUS_FILTERS: Array<{ label: string; value?: DeliveryStatus }> = [
  { label: "All" },
  ...(Object.entries(STATUS_LABEL) as Array<[DeliveryStatus, string]>).map(([value, label]) => ({ label, value })),
];
