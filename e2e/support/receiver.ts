// A real webhook receiver on 127.0.0.1 that records what DashX sends and verifies it with `standardwebhooks`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type Received = { headers: http.IncomingHttpHeaders; body: string };

export type Receiver = { url: string; received: Received[]; close: () => Promise<void> };

export async function startReceiver(status = 200): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status < 300 ? "ok" : "receiver failed on purpose");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/dashx`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
