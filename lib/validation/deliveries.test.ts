import { describe, expect, it } from "vitest";
import { DELIVERY_STATUSES, inFlight, listDeliveriesQuerySchema, publicDeliveryStatus } from "./deliveries";

describe("publicDeliveryStatus", () => {
  it("shows a pending delivery that was attempted as retrying, and the closed ones as stored", () => {
    expect(publicDeliveryStatus({ status: "pending", attemptCount: 0 })).toBe("pending");
    expect(publicDeliveryStatus({ status: "pending", attemptCount: 2 })).toBe("retrying");
    expect(publicDeliveryStatus({ status: "succeeded", attemptCount: 1 })).toBe("succeeded");
    expect(publicDeliveryStatus({ status: "failed", attemptCount: 8 })).toBe("failed");
  });

  it("refuses a stored status the public shape does not know, rather than leak it", () => {
    expect(() => publicDeliveryStatus({ status: "leased", attemptCount: 0 })).toThrow();
  });

  it("counts pending and retrying as in flight", () => {
    expect(DELIVERY_STATUSES.filter(inFlight)).toEqual(["pending", "retrying"]);
  });

  it("filters the log by exactly the public statuses", () => {
    for (const status of DELIVERY_STATUSES) expect(listDeliveriesQuerySchema.parse({ status }).status).toBe(status);
    expect(listDeliveriesQuerySchema.safeParse({ status: "leased" }).success).toBe(false);
  });
});
