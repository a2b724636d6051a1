// PostgreSQL migrations: the SQL files in prisma/postgres/migrations (written by `npm run db:postgres`
// with `prisma migrate diff`), applied in order by postgrator, a maintained SQL migration runner.
// (`prisma migrate deploy` cannot be used: through the pg adapter it fails, prisma/orm#27403.)
// The run holds a PostgreSQL advisory lock, so instances starting at once apply each migration once:
// the others wait, then find nothing to do.
import path from "node:path";
import pg from "pg";
import Postgrator from "postgrator";

const MIGRATIONS = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "postgres", "migrations");
export const MIGRATION_TABLE = "_dashx_migrations";
/** Any constant: the lock only has to be the same number in every instance. */
const MIGRATION_LOCK = 4_115_203_301;

const runnerOn = (query: (sql: string) => Promise<pg.QueryResult>) =>
  new Postgrator({ migrationPattern: path.join(MIGRATIONS, "*.do.*.sql"), driver: "pg", schemaTable: MIGRATION_TABLE, execQuery: query });

/** Applies every pending migration (on a connection of its own, which holds the advisory lock); returns the names applied. */
export async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const applied = await runnerOn((sql) => client.query(sql)).migrate();
      return applied.map((m) => m.filename);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Migrations on disk that the database has not applied (readiness: an instance ahead of its database is
 * not ready). Reads through `query`, the caller's pool: a load balancer's probe opens no connection.
 */
export async function pendingPostgresMigrations(query: (sql: string) => Promise<pg.QueryResult>): Promise<string[]> {
  const runner = runnerOn(query);
  const version = await runner.getDatabaseVersion().catch(() => 0);
  const migrations = await runner.getMigrations();
  return migrations.filter((m) => m.action === "do" && m.version > (version ?? 0)).map((m) => m.filename);
}
