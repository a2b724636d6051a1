// 'unsafe-eval' in development only (React's dev build needs it), never in production; scripts otherwise only by nonce.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./csp";

const scriptSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("script-src ")) ?? "";

describe("contentSecurityPolicy", () => {
  it("production: nonce and strict-dynamic, no unsafe-eval", () => {
    expect(scriptSrc(contentSecurityPolicy("abc", false))).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
  });

  it("development: the same plus 'unsafe-eval', which React's dev mode needs", () => {
    expect(scriptSrc(contentSecurityPolicy("abc", true))).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'");
    expect(contentSecurityPolicy("abc", true)).toContain("frame-ancestors 'none'");
  });
});
