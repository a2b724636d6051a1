// Operator and platform tokens (PLATFORM_API_TOKEN, METRICS_TOKEN): does the request's
// `Authorization: Bearer <token>` carry the configured one?
import { createHash, timingSafeEqual } from "node:crypto";

// Fixed-length digests: timingSafeEqual needs equal byte lengths (a non-ASCII token of the right
// character count threw), and comparing lengths first told an attacker the token's length.
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Constant-time; false when no token is configured. */
export function bearerTokenMatches(authorization: string | null, expected: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  return expected !== undefined && timingSafeEqual(digest(given), digest(expected));
}
