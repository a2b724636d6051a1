// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with the otpauth library, and the QR code as SVG drawn on the server.
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";

const ISSUER = "DashX Webhooks";

function totp(secretBase32: string, label = "merchant"): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** A new 160-bit secret as base32 (the setup key a merchant can type instead of scanning). */
export const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;

export async function setupDetails(secretBase32: string, email: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = totp(secretBase32, email).toString();
  return { uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

/**
 * The 30-second step a code belongs to (current step ±1, for clock drift), or null. Callers accept a
 * step only once, so a code seen over someone's shoulder cannot be replayed.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = totp(secretBase32);
  const delta = t.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : t.counter({ timestamp: now }) + delta;
}

/** The code for a secret at a time (tests and the setup dialog's checks use the same function). */
export const totpCode = (secretBase32: string, now = Date.now()) => totp(secretBase32).generate({ timestamp: now });
