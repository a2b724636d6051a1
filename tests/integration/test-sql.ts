// Direct SQL on a test app's database, whichever it is (SQLite file or PostgreSQL), for the assertions
// and fixtures the HTTP API does not offer. SQL uses `?` placeholders (rewritten to $n on PostgreSQL);
// parameters are plain values: booleans and Dates are stored the way each database's app code stores them.
import Database from "better-sqlite3";
import pg from "pg";

export type TestSql = {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** Inserts many rows in one transaction (batched statements on PostgreSQL). */
  insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  close(): Promise<void>;
};

const sqliteValue = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);
const toDollar = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
const quoted = (columns: string[]) => columns.map((c) => `"${c}"`).join(",");

export async function openTestSql(databaseUrl: string): Promise<TestSql> {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length), { timeout: 30_000 });
    const args = (params: unknown[]) => params.map(sqliteValue);
    return {
      all: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...args(params)) as T[],
      get: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...args(params)) as T | undefined,
      run: async (sql, ...params) => db.prepare(sql).run(...args(params)).changes,
      insertMany: async (table, columns, rows) => {
        const insert = db.prepare(`INSERT INTO "${table}" (${quoted(columns)}) VALUES (${columns.map(() => "?").join(",")})`);
        db.transaction(() => rows.forEach((row) => insert.run(...args(row))))();
      },
      close: async () => {
        db.close();
      },
    };
  }
  // COUNT(*) and other bigints as numbers, as SQLite returns them.
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as "text")) };
  const client = new pg.Client({ connectionString: databaseUrl, types: types as pg.CustomTypesConfig });
  await client.connect();
  // One connection, one query at a time (pg deprecates queueing on a busy client): callers may run in parallel.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const query = (sql: string, params: unknown[]) => serial(() => client.query(toDollar(sql), params));
  return {
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    insertMany: (table, columns, rows) =>
      serial(async () => {
        const perStatement = Math.floor(30_000 / columns.length);
        await client.query("BEGIN");
        for (let i = 0; i < rows.length; i += perStatement) {
          const chunk = rows.slice(i, i + perStatement);
          const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(",")})`).join(",");
          await client.query(`INSERT INTO "${table}" (${quoted(columns)}) VALUES ${values}`, chunk.flat());
        }
        await client.query("COMMIT");
      }),
    close: () => serial(() => client.end()),
  };
}
