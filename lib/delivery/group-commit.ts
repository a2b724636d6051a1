// Group commit for the delivery engine's writes on SQLite. A commit costs ~100-200 µs here whatever it
// holds (the WAL write and the locks), while a row costs ~10 µs: so every publish, claim and attempt
// record that arrives in the same tick runs in ONE immediate transaction (one that fails, e.g. its
// endpoint was deleted meanwhile, does not take the others down: see runBatch). Callers get their
// result once the commit is in the WAL.
import { dbGate } from "@/lib/db/gate";
import { sqlite } from "@/lib/db/sqlite";

type Work = { run: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

let queue: Work[] = [];
let scheduled = false;
let lastFlush = 0;
/**
 * Under load, flushes at most once per window, so a commit carries many writes instead of a few; an
 * idle engine flushes on the next tick. Adds at most this much latency to a write.
 */
const WINDOW_MS = 2;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

class RetryEachInSavepoint extends Error {}

/** All of the batch in one transaction. Savepoints cost ~15 µs each, so the common case runs without
 * them; if any work throws, the whole transaction rolls back and runs again, each work in its own. */
function runBatch(batch: Work[]): Outcome[] {
  const db = sqlite();
  try {
    return db.transaction(() =>
      batch.map((work): Outcome => {
        try {
          return { ok: true, value: work.run() };
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
        return { ok: true, value: db.transaction(work.run)() };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  ).immediate();
}

function flush(): void {
  scheduled = false;
  lastFlush = performance.now();
  const batch = queue;
  queue = [];
  dbGate.run(() => runBatch(batch)).then(
    (results) => results.forEach((r, i) => (r.ok ? batch[i].resolve(r.value) : batch[i].reject(r.error))),
    (error: unknown) => batch.forEach((w) => w.reject(error)),
  );
}

/** Runs `work` (synchronous SQL on the direct connection) in the next group commit; resolves after COMMIT. */
export function inGroupCommit<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ run: work, resolve: resolve as (value: unknown) => void, reject });
    if (!scheduled) {
      scheduled = true;
      const wait = lastFlush + WINDOW_MS - performance.now();
      if (wait > 0) setTimeout(flush, wait);
      else setImmediate(flush);
    }
  });
}
