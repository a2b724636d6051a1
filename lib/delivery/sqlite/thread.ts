// Runs inside the SQLite store's thread (started by thread-client.ts): each message is one group
// commit's ops; the answer is their outcomes, or the error that failed the whole batch.
import { parentPort } from "node:worker_threads";
import { runBatch } from "./run-batch";
import type { StoreOp } from "./ops";

parentPort!.on("message", ({ seq, ops }: { seq: number; ops: StoreOp[] }) => {
  try {
    parentPort!.postMessage({ seq, outcomes: runBatch(ops) });
  } catch (error) {
    parentPort!.postMessage({ seq, error });
  }
});
parentPort!.postMessage({ ready: true });
