// Standard Webhooks signing (https://www.standardwebhooks.com): v1 = HMAC-SHA256 over
// `${id}.${timestamp}.${body}`, keyed with the base64-decoded part of `whsec_<base64>`.
import { createHmac, randomBytes } from "node:crypto";
import { boundedMemo } from "./memo";

const PREFIX = "whsec_";

/** A new endpoint secret: 24 random bytes, as Svix issues them. */
export function generateSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

// Decoded once per secret (lib/crypto/memo.ts): a busy endpoint signs with the same one thousands of times a second.
const secretKey = boundedMemo((secret: string): Buffer => {
  if (!secret.startsWith(PREFIX)) throw new Error("Webhook secrets start with whsec_");
  return Buffer.from(secret.slice(PREFIX.length), "base64");
});

/** The `webhook-signature` header: one `v1,<sig>` per secret, space separated (several during rotation). */
export function signatureHeader(secrets: string[], id: string, timestampSec: number, body: string): string {
  return secrets
    .map((secret) => "v1," + createHmac("sha256", secretKey(secret)).update(`${id}.${timestampSec}.${body}`).digest("base64"))
    .join(" ");
}
