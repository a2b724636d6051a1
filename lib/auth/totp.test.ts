import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { newTotpSecret, setupDetails, totpCode, totpStep } from "./totp";

describe("TOTP", () => {
  it("matches RFC 6238's SHA-1 test vector (T = 59 s → 94287082, 8 digits; 6 digits here: 287082)", () => {
    // RFC 6238 appendix B, secret "12345678901234567890" (ASCII).
    const secret = OTPAuth.Secret.fromLatin1("12345678901234567890").base32;
    expect(totpCode(secret, 59_000)).toBe("287082");
    expect(totpStep(secret, "287082", 59_000)).toBe(1);
  });

  it("accepts the neighbouring step for clock drift, refuses older codes and non-codes", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    expect(totpStep(secret, totpCode(secret, now - 30_000), now)).toBe(Math.floor(now / 30_000) - 1);
    expect(totpStep(secret, totpCode(secret, now - 90_000), now)).toBeNull();
    expect(totpStep(secret, "12345", now)).toBeNull();
    expect(totpStep(secret, "abcdef", now)).toBeNull();
  });

  it("renders the otpauth URI as an SVG QR code", async () => {
    const { uri, qrSvg } = await setupDetails(newTotpSecret(), "shop@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\/DashX%20Webhooks:shop%40example\.com\?.*secret=[A-Z2-7]+/);
    expect(qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
