// One group commit's ops (ops.ts) in ONE immediate transaction on this thread's direct connection:
// what the store thread (thread.ts) runs per message, and group-commit.ts when there is no thread.
import { sqlite } from "@/lib/db/sqlite";
import type { Outcome } from "../group-commit";
import { runOp, type StoreOp } from "./ops";

class RetryEachInSavepoint extends Error {}

/** All of the batch in one transaction. Savepoints cost ~15 µs each, so the common case runs without
 * them; if any op throws, the whole transaction rolls back and runs again, each op in its own. */
export function runBatch(batch: StoreOp[]): Outcome[] {
  const db = sqlite();
  try {
    return db.transaction(() =>
      batch.map((op): Outcome => {
        try {
          return { ok: true, value: runOp(op) };
        } catch {
          throw new RetryEachInSavepoint();
        }
      }),
    ).immediate();
  } catch (error) {
    if (!(error instanceof RetryEachInSavepoint)) throw error;
  }
  return db.transaction(() =>
    batch.map((op): Outcome => {
      try {
        return { ok: true, value: db.transaction(() => runOp(op))() };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  ).immediate();
}
