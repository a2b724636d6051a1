// The SQLite store's batches (lib/delivery/group-commit.ts): synchronous SQL on the direct connection,
// behind the process gate, in ONE immediate transaction.
import { dbGate } from "@/lib/db/gate";
import { sqlite } from "@/lib/db/sqlite";
import { createGroupCommit, type Outcome } from "../group-commit";

class RetryEachInSavepoint extends Error {}

/** All of the batch in one transaction. Savepoints cost ~15 µs each, so the common case runs without
 * them; if any work throws, the whole transaction rolls back and runs again, each work in its own. */
function runBatch(batch: Array<() => unknown>): Outcome[] {
  const db = sqlite();
  try {
    return db.transaction(() =>
      batch.map((work): Outcome => {
        try {
          return { ok: true, value: work() };
        } catch {
          throw new RetryEachInSavepoint();
        }
      }),
    ).immediate();
  } catch (error) {
    if (!(error instanceof RetryEachInSavepoint)) throw error;
  }
  return db.transaction(() =>
    batch.map((work): Outcome => {
      try {
        return { ok: true, value: db.transaction(work)() };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  ).immediate();
}

const enqueue = createGroupCommit<() => unknown>((batch) => dbGate.run(() => runBatch(batch)));

/** Runs `work` (synchronous SQL on the direct connection) in the next group commit; resolves after COMMIT. */
export const inGroupCommit = <T>(work: () => T): Promise<T> => enqueue<T>(work);
