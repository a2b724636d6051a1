import { describe, expect, it } from "vitest";
import { fieldErrors } from "./field-errors";
import { listNotificationsQuerySchema, markReadSchema, notificationSettingsSchema, operationalWebhookSchema } from "./notifications";

const issues = (result: { success: boolean; error?: unknown }) => (result.success ? {} : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]));

describe("markReadSchema", () => {
  it("takes ids or all: true, exactly one", () => {
    expect(markReadSchema.parse({ ids: ["a", "b"] })).toEqual({ ids: ["a", "b"] });
    expect(markReadSchema.parse({ all: true })).toEqual({ all: true });
    for (const bad of [{}, { all: false }, { ids: [] }, { ids: ["a"], all: true }, { ids: Array.from({ length: 101 }, (_, i) => `n${i}`) }, { other: 1 }]) {
      expect(markReadSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("listNotificationsQuerySchema", () => {
  it("reads unread=true|false and refuses anything else", () => {
    expect(listNotificationsQuerySchema.parse({ unread: "true" }).unread).toBe(true);
    expect(listNotificationsQuerySchema.parse({}).unread).toBe(false);
    expect(listNotificationsQuerySchema.safeParse({ unread: "1" }).success).toBe(false);
  });
});

describe("notificationSettingsSchema", () => {
  it("accepts switchable cells, and security email only as true", () => {
    expect(notificationSettingsSchema.parse({ email: { "endpoint.paused": false, "account.password_changed": true }, webhook: { "delivery.exhausted": false } })).toEqual({
      email: { "endpoint.paused": false, "account.password_changed": true },
      webhook: { "delivery.exhausted": false },
    });
  });

  it("names the security field that was switched off", () => {
    expect(issues(notificationSettingsSchema.safeParse({ email: { "account.two_factor_disabled": false } }))).toEqual({ "email.account.two_factor_disabled": "Security notices are always emailed" });
  });

  it("refuses security kinds on the webhook, unknown kinds and channels", () => {
    for (const bad of [{ webhook: { "account.api_key_created": true } }, { email: { "endpoint.unknown": true } }, { push: {} }]) {
      expect(notificationSettingsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("operationalWebhookSchema", () => {
  it("dedupes event types, keeps absent as absent, refuses an empty list and non-endpoint kinds", () => {
    expect(operationalWebhookSchema.parse({ url: "https://ops.example/x", eventTypes: ["endpoint.paused", "endpoint.paused"] }).eventTypes).toEqual(["endpoint.paused"]);
    expect(operationalWebhookSchema.parse({ url: "https://ops.example/x" }).eventTypes).toBeUndefined();
    expect(Object.keys(issues(operationalWebhookSchema.safeParse({ url: "https://ops.example/x", eventTypes: [] })))).toEqual(["eventTypes"]);
    expect(operationalWebhookSchema.safeParse({ url: "https://ops.example/x", eventTypes: ["account.password_changed"] }).success).toBe(false);
    expect(operationalWebhookSchema.safeParse({ url: "not a url" }).success).toBe(false);
  });
});
