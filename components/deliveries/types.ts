// Shapes of the delivery and event API responses as the browser sees them (type-only imports).
import type { toPublicAttempt, PublicDelivery } from "@/lib/deliveries/serialize";
import type { getEvent, PublicEvent } from "@/lib/events/list-events";

export type { PublicDelivery as Delivery, PublicEvent as EventSummary };
export type Attempt = ReturnType<typeof toPublicAttempt>;
export type DeliveryDetail = PublicDelivery & { attemptLog: Attempt[] };
export type EventDetail = Awaited<ReturnType<typeof getEvent>>;
export type DeliveryStatus = "pending" | "retrying" | "succeeded" | "failed";

export const STATUS_FILTERS: Array<{ label: string; value?: DeliveryStatus }> = [
  { label: "All" },
  { label: "Succeeded", value: "succeeded" },
  { label: "Failed", value: "failed" },
  { label: "Retrying", value: "retrying" },
  { label: "Pending", value: "pending" },
];

/** Deliveries still on their way: lists poll while one is on screen. */
export const inFlight = (status: string) => status === "pending" || status === "retrying";
