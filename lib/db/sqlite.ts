// A direct better-sqlite3 connection for the delivery engine's hot path (publish, claim, record),
// where Prisma's per-query overhead would cap throughput. Same database file, same schema; every
// use goes through dbGate so it never interleaves with a Prisma transaction of this process.
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { BACKSTOP_PAGES, startCheckpointer } from "./checkpointer";
import { sqliteFilePath } from "./sqlite-path";

const globalForSqlite = globalThis as unknown as { dashxSqlite?: Database.Database; dashxStatements?: Map<string, Database.Statement> };

export function sqlite(): Database.Database {
  if (!globalForSqlite.dashxSqlite) {
    const conn = new Database(sqliteFilePath(env().DATABASE_URL), { timeout: 15_000 });
    conn.pragma("journal_mode = WAL");
    conn.pragma("synchronous = NORMAL");
    conn.pragma("foreign_keys = ON");
    // The delivery tables' hot pages stay in memory: 64 MiB of cache, reads through mmap.
    conn.pragma("cache_size = -65536");
    conn.pragma("mmap_size = 268435456");
    conn.pragma("temp_store = MEMORY");
    conn.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    startCheckpointer(sqliteFilePath(env().DATABASE_URL));
    globalForSqlite.dashxSqlite = conn;
  }
  return globalForSqlite.dashxSqlite;
}

/** Dates in the text format Prisma's SQLite adapter writes, so raw and Prisma rows compare and sort alike. */
export const toSqlDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
export const fromSqlDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** A prepared statement, compiled once per SQL text (preparing is a measurable share of a hot-path call). */
export function stmt(sql: string): Database.Statement {
  const cache = (globalForSqlite.dashxStatements ??= new Map());
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite().prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
