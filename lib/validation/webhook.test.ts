import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { createWebhookSchema, endpointUrlSchema, testEventSchema, updateWebhookSchema } from "./webhook";

const urlError = (value: unknown) => {
  const result = endpointUrlSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
};

describe("endpointUrlSchema", () => {
  it.each([
    "https://example.com/webhooks",
    "http://example.com",
    "https://api.example.com:8443/hooks/dashx?source=dashx#frag",
    "http://127.0.0.1:4000/hook", // reachability is the SSRF guard's job, not the schema's
    "https://[2606:4700::1]/hook",
    "  https://example.com/padded  ",
  ])("accepts %s", (url) => {
    expect(urlError(url)).toBeUndefined();
  });

  it("trims whitespace", () => {
    expect(endpointUrlSchema.parse("  https://example.com/x  ")).toBe("https://example.com/x");
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com/file",
    "ws://example.com/socket",
    "mailto:ops@example.com",
  ])("refuses the non-http(s) scheme in %s", (url) => {
    expect(urlError(url)).toBe("The URL must start with https:// or http://");
  });

  it.each(["https://user:pass@example.com/hook", "https://user@example.com/hook", "https://:pass@example.com/"])(
    "refuses credentials in %s",
    (url) => {
      expect(urlError(url)).toBe("The URL must not contain a username or password");
    },
  );

  it.each(["example.com/webhooks", "not a url", "https://", "/relative/path"])("refuses the malformed %j", (url) => {
    expect(urlError(url)).toMatch(/full URL|host name/);
  });

  it.each(["", "   "])("asks for a URL when given %j", (url) => {
    expect(urlError(url)).toBe("Enter an endpoint URL");
  });

  it("refuses non-strings", () => {
    expect(urlError(undefined)).toBe("Enter an endpoint URL");
    expect(urlError(42)).toBeDefined();
  });

  it("allows exactly 2048 characters and no more", () => {
    const base = "https://example.com/";
    const at = base + "a".repeat(2048 - base.length);
    expect(at).toHaveLength(2048);
    expect(urlError(at)).toBeUndefined();
    expect(urlError(at + "a")).toBe("The URL is at most 2048 characters");
  });
});

describe("createWebhookSchema", () => {
  it("defaults description and eventTypes", () => {
    expect(createWebhookSchema.parse({ url: "https://example.com/h" })).toEqual({
      url: "https://example.com/h",
      description: "",
      eventTypes: [],
    });
  });

  it("trims the description and allows 500 characters, not 501", () => {
    expect(createWebhookSchema.parse({ url: "https://example.com", description: "  Orders  " }).description).toBe("Orders");
    expect(createWebhookSchema.safeParse({ url: "https://example.com", description: "d".repeat(500) }).success).toBe(true);
    const tooLong = createWebhookSchema.safeParse({ url: "https://example.com", description: "d".repeat(501) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]).toMatchObject({ path: ["description"], message: "The description is at most 500 characters" });
  });

  it("accepts known event types and removes duplicates", () => {
    const parsed = createWebhookSchema.parse({
      url: "https://example.com",
      eventTypes: ["checkout_session.completed", "checkout_session.expired", "checkout_session.completed"],
    });
    expect(parsed.eventTypes).toEqual(["checkout_session.completed", "checkout_session.expired"]);
    expect(createWebhookSchema.parse({ url: "https://example.com", eventTypes: [...EVENT_TYPES] }).eventTypes).toEqual([...EVENT_TYPES]);
  });

  it.each([[["checkout_session.refunded"]], [["*"]], ["checkout_session.completed"], [[1]]])("refuses eventTypes %j", (eventTypes) => {
    const result = createWebhookSchema.safeParse({ url: "https://example.com", eventTypes });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe("eventTypes");
  });

  it("refuses unknown keys (a client cannot smuggle a secret or status)", () => {
    expect(createWebhookSchema.safeParse({ url: "https://example.com", secret: "whsec_x" }).success).toBe(false);
    expect(createWebhookSchema.safeParse({ url: "https://example.com", status: "disabled" }).success).toBe(false);
  });

  it("requires the url", () => {
    const result = createWebhookSchema.safeParse({ description: "x" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["url"], message: "Enter an endpoint URL" });
  });
});

describe("updateWebhookSchema", () => {
  it("accepts an empty patch and partial patches", () => {
    expect(updateWebhookSchema.parse({})).toEqual({});
    expect(updateWebhookSchema.parse({ description: "New" })).toEqual({ description: "New" });
    expect(updateWebhookSchema.parse({ status: "disabled" })).toEqual({ status: "disabled" });
  });

  it("applies the same URL rules as create", () => {
    expect(updateWebhookSchema.safeParse({ url: "javascript:alert(1)" }).success).toBe(false);
    expect(updateWebhookSchema.safeParse({ url: "https://u:p@example.com" }).success).toBe(false);
  });

  it("refuses unknown statuses and keys", () => {
    expect(updateWebhookSchema.safeParse({ status: "paused" }).success).toBe(false);
    expect(updateWebhookSchema.safeParse({ secret: "whsec_x" }).success).toBe(false);
  });
});

describe("testEventSchema", () => {
  it("defaults to checkout_session.completed and accepts every catalog type", () => {
    expect(testEventSchema.parse({})).toEqual({ type: "checkout_session.completed" });
    for (const type of EVENT_TYPES) expect(testEventSchema.parse({ type })).toEqual({ type });
  });

  it("refuses unknown types", () => {
    expect(testEventSchema.safeParse({ type: "checkout_session.paid" }).success).toBe(false);
  });
});
