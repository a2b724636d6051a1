#!/usr/bin/env node
// Verifies one DashX webhook with the `standardwebhooks` package (npm install standardwebhooks).
// See docs/RECEIVING.md. Try it on a captured delivery:
//
//   WEBHOOK_SECRET=whsec_... WEBHOOK_ID=... WEBHOOK_TIMESTAMP=... WEBHOOK_SIGNATURE="v1,..." \
//     node docs/examples/verify-node.mjs < body.json
//
// The body on stdin must be the exact bytes received. Prints "verified <type> <id>" and exits 0, or
// prints the reason to stderr and exits 1.
import { pathToFileURL } from "node:url";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

// docs:start verify
/**
 * Returns the parsed event if the signature is valid; throws WebhookVerificationError if not.
 * `rawBody` must be the request body exactly as received (a string or Buffer, never re-serialized JSON).
 */
export function verifyDashxWebhook(rawBody, headers, secret) {
  const wh = new Webhook(secret); // the whole "whsec_..." value from the dashboard
  return wh.verify(rawBody, {
    "webhook-id": headers["webhook-id"],
    "webhook-timestamp": headers["webhook-timestamp"],
    "webhook-signature": headers["webhook-signature"],
  });
}
// docs:end verify

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function main() {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) {
    console.error("Set WEBHOOK_SECRET, WEBHOOK_ID, WEBHOOK_TIMESTAMP and WEBHOOK_SIGNATURE, and pipe the raw body to stdin");
    process.exit(2);
  }
  const headers = {
    "webhook-id": process.env.WEBHOOK_ID ?? "",
    "webhook-timestamp": process.env.WEBHOOK_TIMESTAMP ?? "",
    "webhook-signature": process.env.WEBHOOK_SIGNATURE ?? "",
  };
  try {
    const event = verifyDashxWebhook(await readStdin(), headers, secret);
    console.log(`verified ${event.type} ${event.id}`);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    console.error(`not verified: ${error.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
