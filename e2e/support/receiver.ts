// The e2e specs' webhook receivers: the shared one (tests/support/receiver.ts) answering every POST with
// `status`, or verifying signatures as docs/RECEIVING.md says; plus a standardwebhooks check of what DashX sent.
import { Webhook } from "standardwebhooks";
import { startReceiver as startSharedReceiver, type ReceivedRequest } from "../../tests/support/receiver";

export type Received = Pick<ReceivedRequest, "headers" | "body">;

export type Receiver = { url: string; received: Received[]; close: () => Promise<void> };

export async function startReceiver(status = 200): Promise<Receiver> {
  const receiver = await startSharedReceiver();
  receiver.respondWith({
    kind: "custom",
    handle: (_, res) => void res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "receiver failed on purpose"),
  });
  return { url: receiver.url("/hooks/dashx"), received: receiver.requests, close: receiver.close };
}

/** A receiver that does what docs/RECEIVING.md says: verify with standardwebhooks, 401 otherwise. */
export async function startVerifyingReceiver(): Promise<{ url: string; setSecret: (s: string) => void; close: () => Promise<void> }> {
  let secret = "";
  const receiver = await startSharedReceiver();
  receiver.respondWith({ kind: "verify", verify: (request) => verifyDelivery(secret, request) });
  return { url: receiver.url("/verified"), setSecret: (s) => (secret = s), close: receiver.close };
}

/** A loopback URL that nothing listens on (the port was bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const receiver = await startReceiver();
  await receiver.close();
  return receiver.url;
}

/** Verifies the Standard Webhooks signature with the merchant's secret and returns the parsed payload. */
export function verifyDelivery(secret: string, delivery: Received): unknown {
  const header = (name: string) => String(delivery.headers[name] ?? "");
  return new Webhook(secret).verify(delivery.body, {
    "webhook-id": header("webhook-id"),
    "webhook-timestamp": header("webhook-timestamp"),
    "webhook-signature": header("webhook-signature"),
  });
}
