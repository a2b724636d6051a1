// The PostgreSQL Prisma schema is derived from prisma/schema.prisma (the one data model), never edited
// by hand: same models, the postgresql provider, its own generated client, and timestamptz for every
// DateTime (Prisma's default, timestamp without time zone, would read back differently under a
// non-UTC session time zone).
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.resolve("prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.resolve("prisma/postgres/schema.prisma");
export const POSTGRES_MIGRATIONS = path.resolve("prisma/postgres/migrations");
/** The data model the PostgreSQL migrations produce: a new migration is the diff from it to the current one. */
export const POSTGRES_SNAPSHOT = path.join(POSTGRES_MIGRATIONS, "schema.snapshot.prisma");

// Neither command connects, but the CLI reads a schema first and needs a URL of that schema's kind:
// `generate --schema <postgres schema>` a postgres one, `migrate diff` the config's (SQLite) one.
export const GENERATE_DATABASE_URL = "postgresql://127.0.0.1/unused";
export const DIFF_DATABASE_URL = "file:./.data/unused-for-diff.db";

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:postgres`. Do not edit: change the SQLite schema and run it.\n";

function replaceOnce(text: string, from: RegExp, to: string): string {
  if (!from.test(text)) throw new Error(`prisma/schema.prisma: expected ${from} (the PostgreSQL schema generator needs it)`);
  return text.replace(from, to);
}

export function postgresSchemaFrom(sqliteSchema: string): string {
  let out = replaceOnce(sqliteSchema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  out = replaceOnce(out, /output(\s*)=\s*"\.\.\/lib\/generated\/prisma"/, 'output$1= "../../lib/generated/prisma-pg"');
  // Every DateTime / DateTime? field gets @db.Timestamptz(3) (millisecond precision, as JavaScript dates).
  out = out.replace(/^([ \t]+\w+[ \t]+DateTime\??)([ \t][^\n]*)?$/gm, (line, field: string, rest: string | undefined) =>
    rest?.includes("@db.") ? line : `${field} @db.Timestamptz(3)${rest ?? ""}`,
  );
  return HEADER + out;
}

export const expectedPostgresSchema = () => postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
