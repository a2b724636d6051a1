// Group commit, written once for both stores. A commit costs far more than a row (SQLite: the WAL write
// and the locks, ~100-200 µs; PostgreSQL: a round trip and a WAL flush), so the engine's writes that
// arrive in the same tick (publishes, claims, attempt records) are handed to the store's runBatch
// together and committed as one transaction. Callers get their own result once that commit is durable.

/** One work's result inside a batch: a failed work (its endpoint was deleted meanwhile, say) fails alone. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

type Pending<W> = { work: W; resolve: (value: unknown) => void; reject: (error: unknown) => void };

export type GroupCommitOptions = {
  /**
   * Under load, flush at most once per window, so a commit carries many writes instead of a few; an idle
   * engine flushes on the next tick. Adds at most this much latency to a write.
   */
  windowMs?: number;
  /** Batches committing at once (SQLite has one writer: 1; PostgreSQL can run a few side by side). */
  maxInFlight?: number;
};

/** Returns `enqueue(work)`: runs `work` in the next batch and resolves with its value after COMMIT. */
export function createGroupCommit<W>(runBatch: (works: W[]) => Promise<Outcome[]>, { windowMs = 2, maxInFlight = 1 }: GroupCommitOptions = {}) {
  let queue: Array<Pending<W>> = [];
  let scheduled = false;
  let inFlight = 0;
  let lastFlush = 0;

  const schedule = () => {
    if (scheduled || queue.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    const wait = lastFlush + windowMs - performance.now();
    if (wait > 0) setTimeout(flush, wait);
    else setImmediate(flush);
  };

  function flush(): void {
    scheduled = false;
    lastFlush = performance.now();
    const batch = queue;
    queue = [];
    inFlight++;
    runBatch(batch.map((p) => p.work))
      .then(
        (results) => results.forEach((r, i) => (r.ok ? batch[i].resolve(r.value) : batch[i].reject(r.error))),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        inFlight--;
        schedule(); // what queued up while this batch committed
      });
  }

  return function enqueue<T>(work: W): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
  };
}
