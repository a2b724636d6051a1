// The one webhook receiver the tests and benches share: a real HTTP server on loopback that records what
// DashX sends. The integration harness and e2e/support/receiver.ts use it in-process; the benches use it
// in a child process (scripts/bench/receiver.ts: forkReceiver) in counting mode, which keeps no bodies.
// Per-path behaviour (`respondOn("/hang", { kind: "hang" })`) lets a hanging and a healthy endpoint share
// one host:port; extra listening ports give other origins.
import http, { type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string; at: number };
export type ReceiverMode =
  | { kind: "ok" }
  | { kind: "status"; status: number; headers?: Record<string, string> }
  /** Read the request, never answer: the socket stays open until the client gives up or close(). */
  | { kind: "hang" }
  | { kind: "redirect"; location: string }
  /** What docs/RECEIVING.md tells merchants to do: 200 when `verify` (standardwebhooks, say) returns, 401 when it throws. */
  | { kind: "verify"; verify: (request: ReceivedRequest) => void }
  /** Answer (or not) in code; `request` is already in `requests` (when recording). */
  | { kind: "custom"; handle: (request: ReceivedRequest, res: ServerResponse) => void };

export type ReceiverOptions = {
  /** Keep every request (headers and body) in `requests`; off for load, where only counts and arrival times matter. */
  record?: boolean;
  /** Also listen on this many more ports (each its own origin), all answering the same way. */
  extraPorts?: number;
  /** The first port also on ::1 (one port, both loopback addresses: what `localhost` may resolve to). */
  alsoIPv6?: boolean;
};

/** Requests received since the last clear(), and requests being held open right now (hang mode). */
export type ReceiverStats = { count: number; hanging: number };

export type Receiver = {
  port: number;
  /** The extra ports (ReceiverOptions.extraPorts). */
  extraPorts: number[];
  url: (p?: string, port?: number) => string;
  requests: ReceivedRequest[];
  /** First arrival time (performance.timeOrigin + now(), comparable across processes) per webhook-id. */
  arrivals: Map<string, number>;
  stats: () => ReceiverStats;
  /** The default behaviour, for paths no respondOn prefix matches. */
  respondWith: (mode: ReceiverMode) => void;
  /** Behaviour for paths starting with `prefix` (the longest matching prefix wins). */
  respondOn: (prefix: string, mode: ReceiverMode) => void;
  waitForRequests: (count: number, timeoutMs?: number) => Promise<ReceivedRequest[]>;
  /** Forgets requests, arrivals and counts (behaviour stays). */
  clear: () => void;
  close: () => Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

export async function startReceiver({ record = true, extraPorts = 0, alsoIPv6 = false }: ReceiverOptions = {}): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const arrivals = new Map<string, number>();
  const byPrefix = new Map<string, ReceiverMode>();
  let fallback: ReceiverMode = { kind: "ok" };
  let count = 0;
  let hanging = 0;

  const modeFor = (urlPath: string): ReceiverMode => {
    let best: [string, ReceiverMode] | undefined;
    for (const entry of byPrefix) if (urlPath.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
    return best ? best[1] : fallback;
  };

  const handler = (req: http.IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    if (record) req.on("data", (c: Buffer) => chunks.push(c));
    else req.resume();
    req.on("end", () => {
      const at = now();
      const id = req.headers["webhook-id"];
      if (typeof id === "string" && !arrivals.has(id)) arrivals.set(id, at);
      count++;
      const received: ReceivedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: record ? Buffer.concat(chunks).toString("utf8") : "", at: Date.now() };
      if (record) requests.push(received);
      const mode = modeFor(received.path);
      switch (mode.kind) {
        case "ok":
          res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
          break;
        case "status":
          res.writeHead(mode.status, { "content-type": "text/plain", ...mode.headers }).end(`receiver answered ${mode.status}`);
          break;
        case "custom":
          mode.handle(received, res);
          break;
        case "verify":
          try {
            mode.verify(received);
            res.writeHead(200).end("verified");
          } catch {
            res.writeHead(401).end("bad signature");
          }
          break;
        case "redirect":
          res.writeHead(302, { location: mode.location }).end();
          break;
        case "hang":
          hanging++;
          res.once("close", () => hanging--); // the client gave up (timeout) or close() destroyed the socket
          break;
      }
    });
  };

  const listen = async (port: number, host: string): Promise<http.Server | undefined> => {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 10_000; // longer than undici's 4 s, so the client side always closes first
    const ok = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, host, () => resolve(true));
    });
    return ok ? server : undefined;
  };
  const servers: http.Server[] = [];
  for (let i = 0; i <= extraPorts; i++) {
    const server = await listen(0, "127.0.0.1");
    if (!server) throw new Error("The receiver could not listen on 127.0.0.1");
    servers.push(server);
  }
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  // ::1 on the same port: the port 127.0.0.1 was given may be taken there, so move both until one fits.
  for (let tries = 0; alsoIPv6; tries++) {
    const v6 = await listen(ports[0], "::1");
    if (v6) {
      servers.push(v6);
      break;
    }
    if (tries > 20) throw new Error("The receiver could not listen on one port on both 127.0.0.1 and ::1");
    await new Promise<void>((resolve) => servers[0].close(() => resolve()));
    const moved = await listen(0, "127.0.0.1");
    if (!moved) throw new Error("The receiver could not listen on 127.0.0.1");
    servers[0] = moved;
    ports[0] = (moved.address() as AddressInfo).port;
  }
  return {
    port: ports[0],
    extraPorts: ports.slice(1),
    url: (p = "/webhooks", port = ports[0]) => `http://127.0.0.1:${port}${p}`,
    requests,
    arrivals,
    stats: () => ({ count, hanging }),
    respondWith: (next) => (fallback = next),
    respondOn: (prefix, mode) => void byPrefix.set(prefix, mode),
    async waitForRequests(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < n) {
        if (Date.now() > deadline) throw new Error(`Receiver got ${requests.length} of ${n} requests within ${timeoutMs} ms`);
        await sleep(25);
      }
      return requests.slice();
    },
    clear: () => {
      requests.splice(0);
      arrivals.clear();
      count = 0;
    },
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
