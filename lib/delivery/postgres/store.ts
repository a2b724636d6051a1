// The PostgreSQL DeliveryStore (lib/delivery/store.ts): any number of app instances and worker
// processes on one database. Wake-ups cross processes with LISTEN/NOTIFY: notify() sends at most one
// NOTIFY per tick however many publishes it covers, and each process holds one listening connection
// (re-opened after a failure; the workers' poll covers the gap).
import { EventEmitter } from "node:events";
import pg from "pg";
import { pgPool } from "@/lib/db/postgres";
import { env } from "@/lib/env";
import type { DeliveryStore } from "../store";
import { claim } from "./claim";
import { publish, publishTest } from "./publish";
import { recordAttempt, release, releaseOwner, skip } from "./record";

const CHANNEL = "dashx_deliveries";
const RECONNECT_MS = 1_000;

const globalForWakeup = globalThis as unknown as { dashxPgWakeup?: { local: EventEmitter; listener?: pg.Client; pending?: Promise<void> } };
const wakeup = (globalForWakeup.dashxPgWakeup ??= { local: new EventEmitter() });

function listen(): void {
  if (wakeup.listener || wakeup.local.listenerCount("wake") === 0) return;
  const client = (wakeup.listener = new pg.Client({ connectionString: env().DATABASE_URL }));
  const reopen = (error?: Error) => {
    if (wakeup.listener !== client) return;
    if (error) console.error(`[postgres] LISTEN connection lost (${error.message}); polling until it is back`);
    wakeup.listener = undefined;
    client.end().catch(() => undefined);
    setTimeout(listen, RECONNECT_MS).unref();
  };
  client.on("notification", () => wakeup.local.emit("wake"));
  client.on("error", reopen);
  client.on("end", () => reopen());
  client
    .connect()
    .then(() => client.query(`LISTEN ${CHANNEL}`))
    .catch(reopen);
  // A listening connection must not keep a finished process alive.
  (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
}

function notify(): Promise<void> {
  wakeup.local.emit("wake"); // this process's worker at once
  wakeup.pending ??= new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => {
      wakeup.pending = undefined;
      return pgPool().query(`SELECT pg_notify('${CHANNEL}', '')`);
    })
    // The rows are committed already: a lost NOTIFY only means the other processes find them by their poll.
    .then(
      () => undefined,
      (error: unknown) => console.error("[postgres] NOTIFY failed", error instanceof Error ? error.message : error),
    );
  return wakeup.pending;
}

export const postgresStore: DeliveryStore = {
  publish,
  publishTest,
  claim,
  record: recordAttempt,
  skip,
  release,
  releaseOwner,
  notify,
  onNotify(listener) {
    wakeup.local.on("wake", listener);
    listen();
    return () => {
      wakeup.local.off("wake", listener);
      if (wakeup.local.listenerCount("wake") === 0 && wakeup.listener) {
        const client = wakeup.listener;
        wakeup.listener = undefined;
        client.end().catch(() => undefined);
      }
    };
  },
};
