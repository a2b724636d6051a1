// Custom headers at rest: sealed (never plaintext), masked for display, and a PATCH's masked values
// resolved to what is saved.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { MASKED_HEADER_VALUE } from "@/lib/validation/webhook";

let headers: typeof import("./sealed-headers");

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", `1:${randomBytes(32).toString("base64")}`);
  headers = await import("./sealed-headers");
});

describe("sealed headers", () => {
  it("seals a set so the values are not readable, and opens it again; no headers, nothing stored", () => {
    const sealed = headers.sealHeaders({ Authorization: "Bearer gw_live_123", "X-Team": "payments" });
    expect(sealed).not.toBeNull();
    expect(sealed).not.toContain("gw_live_123");
    expect(headers.openHeaders(sealed)).toEqual({ Authorization: "Bearer gw_live_123", "X-Team": "payments" });
    expect(headers.sealHeaders({})).toBeNull();
    expect(headers.openHeaders(null)).toEqual({});
  });

  it("shows every name and no value", () => {
    const sealed = headers.sealHeaders({ Authorization: "Bearer gw_live_123" });
    expect(headers.maskHeaders(sealed)).toEqual({ Authorization: MASKED_HEADER_VALUE });
  });

  it("resolves a masked value to the saved one, keeps new values, and refuses a masked name nothing is saved under", () => {
    const saved = headers.sealHeaders({ Authorization: "Bearer gw_live_123", "X-Old": "gone" });
    expect(headers.resolveHeaders({ Authorization: MASKED_HEADER_VALUE, "X-New": "1" }, saved)).toEqual({ Authorization: "Bearer gw_live_123", "X-New": "1" });
    expect(() => headers.resolveHeaders({ "X-Unknown": MASKED_HEADER_VALUE }, saved)).toThrow(
      expect.objectContaining({ status: 422, fields: { "headers.X-Unknown": "Enter a value" } }),
    );
  });
});

describe("sealed headers: security review (issue 20)", () => {
  it("a masked prototype name (constructor, hasOwnProperty) is not a saved value; __proto__ stays a header", () => {
    const sealed = headers.sealHeaders({ "X-Api-Key": "k" });
    for (const name of ["constructor", "hasOwnProperty", "toString"]) {
      expect(() => headers.resolveHeaders({ [name]: MASKED_HEADER_VALUE }, sealed)).toThrow();
    }
    const requested = JSON.parse('{"__proto__": "v", "X-Api-Key": "••••••"}') as Record<string, string>;
    expect(Object.keys(headers.resolveHeaders(requested, sealed))).toEqual(["__proto__", "X-Api-Key"]);
  });

  it("a URL change to another origin needs every saved value again; the same origin keeps them", () => {
    const sealed = headers.sealHeaders({ "X-Api-Key": "k" });
    const fieldsOf = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return (error as { fields?: Record<string, string>; message: string });
      }
      return null;
    };
    const from = "https://a.example.com/hooks";
    expect(fieldsOf(() => headers.assertHeadersRetyped(from, "https://a.example.com/other", sealed, undefined))).toBeNull();
    expect(fieldsOf(() => headers.assertHeadersRetyped(from, "https://b.example.com/hooks", null, undefined))).toBeNull();
    for (const to of ["https://b.example.com/hooks", "http://a.example.com/hooks", "https://a.example.com:8443/hooks"]) {
      const omitted = fieldsOf(() => headers.assertHeadersRetyped(from, to, sealed, undefined));
      expect(omitted?.message).toBe("Enter the header values again: the URL's host changed");
      expect(Object.keys(omitted?.fields ?? {})).toEqual(["headers"]);
      expect(fieldsOf(() => headers.assertHeadersRetyped(from, to, sealed, { "X-Api-Key": MASKED_HEADER_VALUE }))?.fields).toEqual({ "headers.X-Api-Key": "Enter this value again" });
      expect(fieldsOf(() => headers.assertHeadersRetyped(from, to, sealed, { "X-Api-Key": "new" }))).toBeNull();
    }
  });
});
