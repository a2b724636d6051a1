import { describe, expect, it } from "vitest";
import { exhaustedDedupeKey, hourStart, isSecurityKind, NOTIFICATION_KINDS, notificationDataSchema, renderNotification } from "./kinds";

describe("notification kinds", () => {
  const data = { endpointId: "ep_1", url: "https://shop.example/hooks", state: "paused" as const, lastError: "connect ECONNREFUSED", pausedUntil: "2026-12-07T12:05:00.000Z" };

  it("renders a title and a body for every kind", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const { title, body } = renderNotification(kind, data, 2);
      expect(title.length, kind).toBeGreaterThan(5);
      expect(body.length, kind).toBeGreaterThan(20);
    }
  });

  it("says what broke, since when and the last error", () => {
    expect(renderNotification("endpoint.paused", data)).toEqual({
      title: "Paused: https://shop.example/hooks is not answering",
      body: expect.stringContaining("until 7 Dec 2026, 12:05 UTC"),
    });
    expect(renderNotification("endpoint.paused", data).body).toContain("Last error: connect ECONNREFUSED.");
    expect(renderNotification("delivery.exhausted", { ...data, since: "2026-12-07T14:00:00.000Z" }, 37).title).toBe(
      "37 deliveries to https://shop.example/hooks gave up since 7 Dec 2026, 14:00 UTC",
    );
    expect(renderNotification("endpoint.disabled", { url: "https://a.example", actor: "merchant:owner@shop.example" }).body).toContain("by owner@shop.example");
  });

  it("aggregates delivery.exhausted per endpoint per UTC hour", () => {
    const at = new Date("2026-12-07T14:59:59.999Z");
    expect(exhaustedDedupeKey("ep_1", at)).toBe("delivery.exhausted:ep_1:2026-12-07T14");
    expect(exhaustedDedupeKey("ep_1", new Date("2026-12-07T15:00:00.000Z"))).not.toBe(exhaustedDedupeKey("ep_1", at));
    expect(hourStart(at).toISOString()).toBe("2026-12-07T14:00:00.000Z");
  });

  it("knows the security kinds and refuses unknown data fields", () => {
    expect(isSecurityKind("account.password_changed")).toBe(true);
    expect(isSecurityKind("endpoint.paused")).toBe(false);
    expect(notificationDataSchema.safeParse({ url: "x", secret: "whsec_" }).success).toBe(false);
  });
});
