// The PostgreSQL store's batches (lib/delivery/group-commit.ts): async works on one pooled connection
// in one transaction; if any fails, the batch rolls back and runs again with each work in its own
// savepoint, so one bad write (an endpoint deleted meanwhile) does not take the others down.
import type pg from "pg";
import { pgPool } from "@/lib/db/postgres";
import { createGroupCommit, type Outcome } from "../group-commit";

export type PgWork = (client: pg.PoolClient) => Promise<unknown>;

async function runBatch(batch: PgWork[]): Promise<Outcome[]> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    try {
      const values: unknown[] = [];
      for (const work of batch) values.push(await work(client));
      await client.query("COMMIT");
      return values.map((value) => ({ ok: true, value }));
    } catch {
      await client.query("ROLLBACK");
    }
    await client.query("BEGIN");
    const outcomes: Outcome[] = [];
    for (const work of batch) {
      await client.query("SAVEPOINT work");
      try {
        outcomes.push({ ok: true, value: await work(client) });
        await client.query("RELEASE SAVEPOINT work");
      } catch (error) {
        await client.query("ROLLBACK TO SAVEPOINT work");
        outcomes.push({ ok: false, error });
      }
    }
    await client.query("COMMIT");
    return outcomes;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// Two batches may commit side by side (each on its own connection): a commit waits on the WAL flush,
// and the next batch need not wait behind it.
const enqueue = createGroupCommit<PgWork>(runBatch, { maxInFlight: 2 });

export const inPgGroupCommit = <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => enqueue<T>(work);
