import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Json inputs (Prisma.InputJsonObject) and Prisma.DbNull (SQL NULL in a Json column) for the domain modules.
export { Prisma } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { env } from "@/lib/env";
import { dialectOf } from "./dialect";
import { serializedFactory } from "./serialized-adapter";
import { sqliteFilePath } from "./sqlite-path";

// WAL lets readers run beside the writer and other processes (separate workers) share the file;
// synchronous=NORMAL in WAL mode survives a killed process (only an OS crash can lose the last commit).
const SQLITE_SETUP = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (dialectOf(url) === "postgres") {
    // The PostgreSQL client is generated from the same data model (scripts/db/postgres-schema.ts derives
    // its schema), so its model API is the SQLite client's: the app is typed against one of them.
    // Its own pool, not the engine's (lib/db/postgres.ts): a transaction that holds a Prisma connection
    // and then spends a rate-limit point (the engine's pool) must never wait on connections held by
    // other transactions queued behind its row lock (30 racing creates starved a shared pool).
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: env().DATABASE_POOL_SIZE }) }) as unknown as PrismaClient;
  }
  const sqlite = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 15_000 });
  return new PrismaClient({ adapter: serializedFactory(sqlite, SQLITE_SETUP) });
}

const globalForPrisma = globalThis as unknown as { dashxPrisma?: PrismaClient };

const client = () => (globalForPrisma.dashxPrisma ??= createClient());

/**
 * One client per process (kept across Next dev reloads), created on first use so that importing a
 * module (as `next build` does) never needs the database or the environment.
 */
export const db = new Proxy({} as PrismaClient, {
  get(_, prop) {
    const value: unknown = Reflect.get(client(), prop);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});
