// Standard Webhooks signing (https://www.standardwebhooks.com): v1 = HMAC-SHA256 over
// `${id}.${timestamp}.${body}`, keyed with the base64-decoded part of `whsec_<base64>`.
import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

/** A new endpoint secret: 24 random bytes, as Svix issues them. */
export function generateSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

// Decoded keys by secret (bounded): a busy endpoint signs with the same secret thousands of times a second.
const KEY_CACHE_SIZE = 10_000;
const keys = new Map<string, Buffer>();

function secretKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (key === undefined) {
    if (!secret.startsWith(PREFIX)) throw new Error("Webhook secrets start with whsec_");
    key = Buffer.from(secret.slice(PREFIX.length), "base64");
    if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value!);
    keys.set(secret, key);
  }
  return key;
}

/** The `webhook-signature` header: one `v1,<sig>` per secret, space separated (several during rotation). */
export function signatureHeader(secrets: string[], id: string, timestampSec: number, body: string): string {
  return secrets
    .map((secret) => "v1," + createHmac("sha256", secretKey(secret)).update(`${id}.${timestampSec}.${body}`).digest("base64"))
    .join(" ");
}
