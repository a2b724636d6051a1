// A webhook receiver on loopback for the bench, written to be the one the tests share too (issue 9):
// `startReceiver()` serves in this process with the integration harness's API (url, requests,
// respondWith, waitForRequests, clear, close) plus what the bench needs: per-path behaviour
// (`respondOn("/hang", { kind: "hang" })`, so a hanging and a healthy endpoint can share one
// host:port), extra listening ports (other origins), and a counting mode that keeps no bodies.
// `forkReceiver()` runs the same receiver in a child process (receiver-process.ts) so its work does not
// share the load generator's event loop, and drives it over IPC.
import { fork, type ChildProcess } from "node:child_process";
import http, { type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string; at: number };
export type ReceiverMode =
  | { kind: "ok" }
  | { kind: "status"; status: number; headers?: Record<string, string> }
  /** Read the request, never answer: the socket stays open until the client gives up or close(). */
  | { kind: "hang" }
  | { kind: "redirect"; location: string }
  /** Answer (or not) in code; `request` is already in `requests` (when recording). */
  | { kind: "custom"; handle: (request: ReceivedRequest, res: ServerResponse) => void };

export type ReceiverOptions = {
  /** Keep every request (headers and body) in `requests`; off for load, where only counts and arrival times matter. */
  record?: boolean;
  /** Also listen on this many more ports (each its own origin), all answering the same way. */
  extraPorts?: number;
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

export async function startReceiver({ record = true, extraPorts = 0 }: ReceiverOptions = {}): Promise<Receiver> {
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

  const servers: http.Server[] = [];
  for (let i = 0; i <= extraPorts; i++) {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 10_000; // longer than undici's 4 s, so the client side always closes first
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
  }
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
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

// ---------------------------------------------------------------------------------------------------
// The same receiver in a child process

/** Messages to the child (receiver-process.ts) and its answers; `seq` pairs them. */
export type ReceiverCommand =
  | { op: "stats" }
  | { op: "arrivals"; ids?: string[] }
  | { op: "respondOn"; prefix: string; mode: "ok" | "hang" }
  | { op: "clear" };
export type ReceiverReady = { ready: true; port: number; extraPorts: number[] };
export type ReceiverReply = { seq: number; result: unknown };

export type RemoteReceiver = {
  port: number;
  extraPorts: number[];
  url: (p?: string, port?: number) => string;
  stats: () => Promise<ReceiverStats>;
  /** Arrival times of these webhook-ids (all of them when omitted); ids not received are absent. */
  arrivals: (ids?: string[]) => Promise<Record<string, number>>;
  respondOn: (prefix: string, mode: "ok" | "hang") => Promise<void>;
  clear: () => Promise<void>;
  close: () => Promise<void>;
};

/** Starts a counting receiver (no bodies kept) in a child process. */
export async function forkReceiver(options: Omit<ReceiverOptions, "record"> = {}): Promise<RemoteReceiver> {
  const child: ChildProcess = fork(path.join(__dirname, "receiver-process.ts"), [JSON.stringify(options)], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const pending = new Map<number, (result: unknown) => void>();
  let seq = 0;
  const ready = await new Promise<ReceiverReady>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the receiver process exited (${code}) before it listened`)));
    child.on("message", (m: ReceiverReady | ReceiverReply) => {
      if ("ready" in m) return resolve(m);
      pending.get(m.seq)?.(m.result);
      pending.delete(m.seq);
    });
  });
  child.removeAllListeners("exit");
  const call = <T>(command: ReceiverCommand) =>
    new Promise<T>((resolve) => {
      const n = ++seq;
      pending.set(n, resolve as (result: unknown) => void);
      child.send({ seq: n, ...command });
    });
  return {
    port: ready.port,
    extraPorts: ready.extraPorts,
    url: (p = "/webhooks", port = ready.port) => `http://127.0.0.1:${port}${p}`,
    stats: () => call<ReceiverStats>({ op: "stats" }),
    arrivals: (ids) => call<Record<string, number>>({ op: "arrivals", ids }),
    respondOn: (prefix, mode) => call<void>({ op: "respondOn", prefix, mode }),
    clear: () => call<void>({ op: "clear" }),
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}
