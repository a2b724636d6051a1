// One-click unsubscribe links carry `<UnsubscribeToken id>.<HMAC-SHA256 of it>`: a link nobody was sent
// (a guessed or altered id) fails the HMAC before the database is asked. The key is derived from
// AUTH_SECRET for this one purpose, so it signs nothing else and the session secret is never exposed.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const keyFrom = (authSecret: string) => createHash("sha256").update(`dashx:unsubscribe:v1:${authSecret}`).digest();

const mac = (id: string, authSecret: string) => createHmac("sha256", keyFrom(authSecret)).update(id).digest("base64url");

export function signUnsubscribeToken(id: string, authSecret: string): string {
  return `${id}.${mac(id, authSecret)}`;
}

/** The token row's id when the signature is ours, else null (forged, altered or malformed). */
export function verifyUnsubscribeToken(token: string, authSecret: string): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0 || token.length > 200) return null;
  const id = token.slice(0, dot);
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(id, authSecret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
