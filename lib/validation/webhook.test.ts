import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { createWebhookSchema, customHeadersSchema, endpointUrlSchema, MASKED_HEADER_VALUE, testEventSchema, updateWebhookSchema } from "./webhook";

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
  it("defaults description, eventTypes and headers", () => {
    expect(createWebhookSchema.parse({ url: "https://example.com/h" })).toEqual({
      url: "https://example.com/h",
      description: "",
      eventTypes: [],
      headers: {},
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

describe("customHeadersSchema", () => {
  const issues = (headers: unknown) => {
    const r = customHeadersSchema.safeParse(headers);
    return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
  };

  it("accepts up to 10 token names with printable values up to 1024 bytes", () => {
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`X-H${i}`, "v"]));
    expect(issues(ten)).toEqual([]);
    expect(issues({ Authorization: "Bearer abc.def", "X-Api-Key": "a".repeat(1024), "x_odd!#$%&'*+.^`|~": "tab\tand spaces" })).toEqual([]);
  });

  it.each(["webhook-id", "Webhook-Signature", "WEBHOOK-TIMESTAMP", "webhook-x", "Content-Type", "content-length", "Host", "User-Agent", "Connection", "Transfer-Encoding", "Proxy-Authorization", "TE"])(
    "refuses the reserved name %s at headers.<name>",
    (name) => {
      expect(issues({ [name]: "v" })).toEqual([[name, `${name} is set by DashX and cannot be overridden`]]);
    },
  );

  it("refuses bad names, bad values, duplicates and an eleventh header", () => {
    expect(issues({ "X Bad": "v" })[0][0]).toBe("X Bad");
    expect(issues({ "X-Crlf": "a\r\nInjected: 1" })[0][1]).toMatch(/printable/);
    expect(issues({ "X-Utf8": "café" })[0][1]).toMatch(/printable/);
    expect(issues({ "X-Long": "a".repeat(1025) })[0][1]).toMatch(/1024/);
    expect(issues({ "X-Empty": "" })[0][1]).toBe("Enter a value");
    expect(issues({ "X-Dup": "a", "x-DUP": "b" })).toEqual([["x-DUP", "x-DUP is listed twice (header names ignore case)"]]);
    expect(issues(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`X-H${i}`, "v"])))).toEqual([["", "At most 10 custom headers"]]);
  });

  it("lets the masked value through (keep the saved one), still checking duplicates", () => {
    expect(issues({ "X-Api-Key": MASKED_HEADER_VALUE })).toEqual([]);
    expect(issues({ "X-A": MASKED_HEADER_VALUE, "x-a": "b" })).toHaveLength(1);
  });
});

describe("security review input checks (issue 20)", () => {
  it("refuses the mask as a value on create, where nothing is saved to keep", () => {
    const r = createWebhookSchema.safeParse({ url: "https://example.com", headers: { "X-Api-Key": MASKED_HEADER_VALUE } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["headers.X-Api-Key", "Enter a value"]]);
    // A PATCH still means "keep the saved one" by it.
    expect(updateWebhookSchema.safeParse({ headers: { "X-Api-Key": MASKED_HEADER_VALUE } }).success).toBe(true);
  });

  it("limits a header name to 100 characters", () => {
    expect(customHeadersSchema.safeParse({ ["X".repeat(100)]: "v" }).success).toBe(true);
    const r = customHeadersSchema.safeParse({ ["X".repeat(101)]: "v" });
    expect(r.error?.issues[0].message).toBe("A header name is at most 100 characters");
  });

  it("accepts prototype names as ordinary header names", () => {
    expect(customHeadersSchema.safeParse({ constructor: "a", hasOwnProperty: "b", toString: "c" }).success).toBe(true);
  });

  it("refuses port 0 and keeps explicit real ports", () => {
    expect(endpointUrlSchema.safeParse("https://example.com:0/hooks").error?.issues[0].message).toBe("The port must be between 1 and 65535");
    expect(endpointUrlSchema.safeParse("http://example.com:00/hooks").success).toBe(false);
    expect(endpointUrlSchema.safeParse("https://example.com:8443/hooks").success).toBe(true);
    expect(endpointUrlSchema.safeParse("https://example.com:65536/hooks").success).toBe(false);
  });
});
