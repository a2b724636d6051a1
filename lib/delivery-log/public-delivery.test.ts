// The public delivery and attempt shapes: whitelisted fields only, statuses as the API shows them.
import { describe, expect, it } from "vitest";
import type { Attempt, Delivery } from "@/lib/generated/prisma/client";
import { publicDeliverySchema, toPublicAttempt, toPublicDelivery } from "./public-delivery";

const at = new Date("2026-03-01T12:00:00.000Z");
const delivery = (over: Partial<Delivery> = {}) =>
  ({
    id: "d1", eventId: "e1", endpointId: "ep1", merchantId: "m1", status: "pending", attemptCount: 0, lastStatusCode: null, lastError: null,
    lastDurationMs: null, nextAttemptAt: at, leaseOwner: "worker-7", leaseUntil: at, createdAt: at, updatedAt: at, completedAt: null,
    ...over,
  }) as Delivery;

describe("toPublicDelivery", () => {
  it("keeps only the public fields (no lease, no merchant id)", () => {
    const shown = toPublicDelivery({ ...delivery(), event: { type: "checkout_session.completed", isTest: false } });
    expect(Object.keys(shown).sort()).toEqual(Object.keys(publicDeliverySchema.shape).sort());
    expect(shown).toMatchObject({ status: "pending", nextAttemptAt: at.toISOString(), eventType: "checkout_session.completed" });
  });

  it("says retrying for an attempted pending delivery, and no next attempt once closed", () => {
    const event = { type: "checkout_session.expired", isTest: true };
    expect(toPublicDelivery({ ...delivery({ attemptCount: 1 }), event }).status).toBe("retrying");
    const done = toPublicDelivery({ ...delivery({ status: "succeeded", attemptCount: 1, completedAt: at }), event });
    expect(done).toMatchObject({ status: "succeeded", nextAttemptAt: null, completedAt: at.toISOString(), isTest: true });
  });
});

describe("toPublicAttempt", () => {
  const attempt = (over: Partial<Attempt> = {}) =>
    ({
      id: "a1", deliveryId: "d1", attemptNumber: 1, requestHeaders: { "webhook-id": "e1" }, responseStatus: 500, responseHeaders: { x: "y" },
      responseBody: "boom", durationMs: 12, errorKind: "http_status", errorMessage: "HTTP 500", createdAt: at, ...over,
    }) as Attempt;

  it("shows the request as sent and the response as received", () => {
    expect(toPublicAttempt(attempt(), '{"id":"e1"}')).toMatchObject({
      request: { headers: { "webhook-id": "e1" }, body: '{"id":"e1"}' },
      response: { status: 500, headers: { x: "y" }, body: "boom" },
    });
  });

  it("has no response when nothing answered", () => {
    expect(toPublicAttempt(attempt({ responseStatus: null, responseHeaders: null, responseBody: null, errorKind: "timeout" }), "{}").response).toBeNull();
  });
});
