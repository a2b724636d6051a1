import { describe, expect, it } from "vitest";
import { bearerTokenMatches } from "./bearer-token";

describe("bearerTokenMatches", () => {
  const token = "dpt_a-configured-token";
  it("accepts exactly `Bearer <token>`", () => {
    expect(bearerTokenMatches(`Bearer ${token}`, token)).toBe(true);
  });
  it("refuses a missing, different, prefixed-only or other-scheme header, and any header when no token is configured", () => {
    for (const header of [null, "", "Bearer", "Bearer ", `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Basic ${token}`, `bearer${token}`]) {
      expect(bearerTokenMatches(header, token), String(header)).toBe(false);
    }
    expect(bearerTokenMatches(`Bearer ${token}`, undefined)).toBe(false);
    expect(bearerTokenMatches("Bearer ", undefined)).toBe(false);
  });
  it("compares non-ASCII tokens without throwing (equal character counts, different byte lengths)", () => {
    expect(bearerTokenMatches(`Bearer ${"é".repeat(20)}`, "e".repeat(20))).toBe(false);
    expect(bearerTokenMatches(`Bearer ${"é".repeat(20)}`, "é".repeat(20))).toBe(true);
  });
});
