// The SQLite DeliveryStore (lib/delivery/store.ts). One machine: wake-ups are an in-process signal
// (a separate `npm run worker` process finds new rows by its poll).
import { EventEmitter } from "node:events";
import type { DeliveryStore } from "../store";
import { claim } from "./claim";
import { publish, publishTest } from "./publish";
import { recordAttempt, release, releaseOwner, skip } from "./record";

const globalForWakeup = globalThis as unknown as { dashxWakeup?: EventEmitter };
const wakeup = (globalForWakeup.dashxWakeup ??= new EventEmitter());

export const sqliteStore: DeliveryStore = {
  publish,
  publishTest,
  claim,
  record: recordAttempt,
  skip,
  release,
  releaseOwner,
  notify: async () => void wakeup.emit("wake"),
  onNotify(listener) {
    wakeup.on("wake", listener);
    return () => wakeup.off("wake", listener);
  },
};
