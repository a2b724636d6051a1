// The SQLite DeliveryStore (lib/delivery/store.ts). One machine: wake-ups are an in-process signal
// (a separate `npm run worker` process finds new rows by its poll). Every write is an op (ops.ts) in
// the next group commit (group-commit.ts), in arrival order: a publish sees an earlier one's key.
import { EventEmitter } from "node:events";
import type { Job } from "../job";
import type { DeliveryStore, PublishOutcome, RecordResult } from "../store";
import { submit } from "./group-commit";

const globalForWakeup = globalThis as unknown as { dashxWakeup?: EventEmitter };
const wakeup = (globalForWakeup.dashxWakeup ??= new EventEmitter());

export const sqliteStore: DeliveryStore = {
  publish: (event) => submit<PublishOutcome>({ op: "publish", event }),
  publishTest: (event, endpointId, owner, leaseUntil) => submit<Job>({ op: "publishTest", event, endpointId, owner, leaseUntil }),
  claim: (options) => (options.limit <= 0 ? Promise.resolve([]) : submit<Job[]>({ op: "claim", options })),
  record: (entry) => submit<RecordResult>({ op: "record", entry }),
  skip: (job, reason, at = new Date()) => submit<void>({ op: "skip", job, reason, at }),
  release: (jobs) => (jobs.length === 0 ? Promise.resolve() : submit<void>({ op: "release", jobs })),
  releaseOwner: (owner) => submit<number>({ op: "releaseOwner", owner }),
  notify: async () => void wakeup.emit("wake"),
  onNotify(listener) {
    wakeup.on("wake", listener);
    return () => wakeup.off("wake", listener);
  },
};
