// The SQLite store's writes as plain data, so a batch of them runs the same way on this thread or on the
// store's own thread (thread.ts): structured-cloneable in and out.
import type { Job } from "../job";
import type { AttemptRecord, ClaimOptions, NewEvent } from "../store";
import { claimNow } from "./claim";
import { publishOne, publishTestNow } from "./publish";
import { recordOne, releaseNow, releaseOwnerNow, skipNow } from "./record";

export type StoreOp =
  | { op: "publish"; event: NewEvent }
  | { op: "publishTest"; event: NewEvent; endpointId: string; owner: string; leaseUntil: Date }
  | { op: "claim"; options: ClaimOptions }
  | { op: "record"; entry: AttemptRecord }
  | { op: "skip"; job: Job; reason: string; at: Date }
  | { op: "release"; jobs: Job[] }
  | { op: "releaseOwner"; owner: string };

/** Runs one op's statements (inside the batch's transaction) and returns its result. */
export function runOp(op: StoreOp): unknown {
  switch (op.op) {
    case "publish":
      return publishOne(op.event);
    case "publishTest":
      return publishTestNow(op.event, op.endpointId, op.owner, op.leaseUntil);
    case "claim":
      return claimNow(op.options);
    case "record":
      return recordOne(op.entry);
    case "skip":
      return skipNow(op.job, op.reason, op.at);
    case "release":
      return releaseNow(op.jobs);
    case "releaseOwner":
      return releaseOwnerNow(op.owner);
  }
}
