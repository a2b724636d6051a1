import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

const secret = "a-test-secret-with-enough-entropy-0123456789";

describe("unsubscribe tokens", () => {
  it("verify with the secret they were signed with and give back the id", () => {
    const token = signUnsubscribeToken("uns_abc123", secret);
    expect(token.startsWith("uns_abc123.")).toBe(true);
    expect(verifyUnsubscribeToken(token, secret)).toBe("uns_abc123");
  });

  it("refuse an altered id, an altered signature, another secret, and garbage", () => {
    const token = signUnsubscribeToken("uns_abc123", secret);
    const [, mac] = token.split(".");
    expect(verifyUnsubscribeToken(`uns_abc124.${mac}`, secret)).toBeNull();
    expect(verifyUnsubscribeToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, secret)).toBeNull();
    expect(verifyUnsubscribeToken(token, `${secret}x`)).toBeNull();
    for (const bad of ["", ".", "uns_abc123", "uns_abc123.", `../x.${mac}`, "x".repeat(500)]) expect(verifyUnsubscribeToken(bad, secret)).toBeNull();
  });
});
