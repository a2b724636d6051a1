// Shapes of the delivery and event API responses as the browser sees them (type-only imports of the public schemas).
import type { DeliveryStatus } from "@/lib/validation/deliveries";

export type { PublicAttempt as Attempt, PublicDelivery as Delivery, PublicDeliveryDetail as DeliveryDetail } from "@/lib/delivery-log/public-delivery";
export type { PublicEvent as EventSummary, PublicEventDetail as EventDetail } from "@/lib/events/public-event";
export { inFlight, type DeliveryStatus } from "@/lib/validation/deliveries";

export const STATUS_FILTERS: Array<{ label: string; value?: DeliveryStatus }> = [
  { label: "All" },
  { label: "Succeeded", value: "succeeded" },
  { label: "Failed", value: "failed" },
  { label: "Retrying", value: "retrying" },
  { label: "Pending", value: "pending" },
];
