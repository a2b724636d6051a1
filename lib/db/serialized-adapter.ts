// better-sqlite3 runs every statement on one connection. Prisma's adapter takes a mutex only for
// transactions, so a query from another request issued while a transaction is open would run inside
// it (and vanish if it rolls back). This wrapper makes every statement and transaction pass the
// process-wide gate (lib/db/gate.ts) that the delivery store uses too.
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { dbGate } from "./gate";

function serialize(inner: SqlDriverAdapter, setup: string): SqlDriverAdapter {
  const gate = dbGate;
  let initialised: Promise<void> | undefined;
  const init = () => (initialised ??= inner.executeScript(setup));
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    await init();
    const release = await gate.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query: SqlQuery) => exclusive(() => inner.queryRaw(query)),
    executeRaw: (query: SqlQuery) => exclusive(() => inner.executeRaw(query)),
    executeScript: (script: string) => exclusive(() => inner.executeScript(script)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel): Promise<Transaction> {
      await init();
      const release = await gate.acquire();
      try {
        const tx = await inner.startTransaction(isolationLevel);
        return {
          provider: tx.provider,
          adapterName: tx.adapterName,
          options: tx.options,
          queryRaw: (query: SqlQuery) => tx.queryRaw(query),
          executeRaw: (query: SqlQuery) => tx.executeRaw(query),
          commit: () => tx.commit().finally(release),
          rollback: () => tx.rollback().finally(release),
        };
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

/** Wraps an adapter factory so each connection serializes plain queries against open transactions. */
export function serializedFactory(
  inner: SqlMigrationAwareDriverAdapterFactory,
  setup: string,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => serialize(await inner.connect(), setup),
    connectToShadowDb: async () => serialize(await inner.connectToShadowDb(), setup),
  };
}
