// The shared receiver (tests/support/receiver.ts) in a child process, so its HTTP work does not share the
// load generator's event loop: receiver-process.ts runs it, forkReceiver drives it over IPC.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ReceiverOptions, ReceiverStats } from "../../tests/support/receiver";

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
