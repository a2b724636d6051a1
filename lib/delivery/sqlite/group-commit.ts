// The SQLite store's batches (lib/delivery/group-commit.ts): a tick's ops (ops.ts) in ONE immediate
// transaction on a direct connection, behind the process gate. Where the store has its own thread
// (thread-client.ts) the batch runs there, so the statements and the commit overlap this thread's HTTP
// work on another core; the gate is held until the thread answers, so a Prisma transaction of this
// process still never interleaves with a batch.
import { dbGate } from "@/lib/db/gate";
import { createGroupCommit, type Outcome } from "../group-commit";
import type { StoreOp } from "./ops";
import { runBatch } from "./run-batch";
import { StoreThreadUnavailable, storeThread } from "./thread-client";

// On the store thread, two batches may be out at once (the thread runs them in the order posted), so
// it never idles while this thread turns one answer into the next batch. They share one hold of the
// gate, a session; once anyone else queues for the gate (a Prisma query, the retention purge), later
// batches start a new session behind them instead of joining, so nothing waits longer than the
// batches already out.
type Session = { ready: Promise<() => void>; out: number };
let session: Session | undefined;
let sessionsQueued = 0;

async function onThread(thread: NonNullable<ReturnType<typeof storeThread>>, batch: StoreOp[]): Promise<Outcome[]> {
  if (!session || dbGate.waiting > sessionsQueued) {
    sessionsQueued++;
    const ready = dbGate.acquire();
    void ready.then(() => sessionsQueued--);
    session = { ready, out: 0 };
  }
  const mine = session;
  mine.out++;
  try {
    await mine.ready;
    return await thread.run(batch).catch((error: unknown) => {
      if (error instanceof StoreThreadUnavailable) return runBatch(batch);
      throw error;
    });
  } finally {
    if (--mine.out === 0) {
      if (session === mine) session = undefined;
      (await mine.ready)();
    }
  }
}

const enqueue = createGroupCommit<StoreOp>(
  (batch) => {
    const thread = storeThread();
    return thread ? onThread(thread, batch) : dbGate.run(() => runBatch(batch));
  },
  { maxInFlight: 2 },
);

/** Runs `op` in the next group commit; resolves with its result after COMMIT. */
export const submit = <T>(op: StoreOp): Promise<T> => enqueue<T>(op);
