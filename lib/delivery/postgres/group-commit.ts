// The PostgreSQL store's batches (lib/delivery/group-commit.ts): a tick's publishes, or its attempt
// records, written by one set-based function in one transaction. If that fails (a merchant or an
// endpoint deleted meanwhile, say), each item runs alone in its own transaction, so one bad item fails
// only itself.
import type pg from "pg";
import { pgTransaction } from "@/lib/db/postgres";
import { createGroupCommit, type Outcome } from "../group-commit";

async function batchOrEachAlone<I, R>(items: I[], write: (client: pg.PoolClient, items: I[]) => Promise<R[]>): Promise<Outcome[]> {
  try {
    const values = await pgTransaction((client) => write(client, items));
    return values.map((value) => ({ ok: true, value }));
  } catch (error) {
    if (items.length === 1) return [{ ok: false, error }];
  }
  const outcomes: Outcome[] = [];
  for (const item of items) {
    try {
      outcomes.push({ ok: true, value: (await pgTransaction((client) => write(client, [item])))[0] });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

/**
 * Returns `enqueue(item)` for a set-based `write` (one result per item, in order). Two batches may
 * commit side by side, each on its own connection: a commit waits on the WAL flush, and the next batch
 * need not wait behind it.
 */
export function pgGroupCommit<I, R>(write: (client: pg.PoolClient, items: I[]) => Promise<R[]>): (item: I) => Promise<R> {
  const enqueue = createGroupCommit<I>((items) => batchOrEachAlone(items, write), { maxInFlight: 2 });
  return (item) => enqueue<R>(item);
}
