// The PostgreSQL connection pool (node-postgres) of the delivery engine's direct SQL (lib/delivery/postgres)
// and the rate limits, one per process; Prisma has a pool of its own (lib/db/client.ts). Connections are cheap to hold and costly to
// open, so the pool keeps them; every app instance and worker process has its own.
import pg from "pg";
import { env } from "@/lib/env";

const globalForPg = globalThis as unknown as { dashxPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPg.dashxPgPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE, idleTimeoutMillis: 30_000 });
    // An idle client losing its connection (database restart) must not crash the process: the pool drops it.
    pool.on("error", (error) => console.error("[postgres] idle connection lost", error.message));
    globalForPg.dashxPgPool = pool;
  }
  return globalForPg.dashxPgPool;
}

/** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
export async function pgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
