// Drift check for the embedded default: the SQLite migrations (prisma/migrations, applied by
// `prisma migrate deploy`) must build the database the data model (prisma/schema.prisma) describes.
// Fails when the schema changed without a migration, or a migration was edited away from it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SQLITE_SCHEMA } from "./postgres-schema";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-sqlite-drift-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function prisma(args: string[], databaseUrl: string): string {
  const run = spawnSync(path.resolve("node_modules/.bin/prisma"), args, { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl } });
  if (run.status !== 0) throw new Error(`prisma ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** Tables, columns (type, nullability, default, key), indexes and foreign keys, comparable across files. */
function catalog(file: string): unknown {
  const sql = new Database(file, { readonly: true });
  try {
    const tables = (sql.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
    return tables.map((table) => ({
      table,
      columns: (sql.pragma(`table_info("${table}")`) as Array<{ cid: number; name: string }>).map(({ cid: _position, ...column }) => column).sort((a, b) => a.name.localeCompare(b.name)),
      indexes: (sql.pragma(`index_list("${table}")`) as Array<{ name: string; unique: number; origin: string }>)
        .map((i) => ({ name: i.name, unique: i.unique, origin: i.origin, columns: (sql.pragma(`index_info("${i.name}")`) as Array<{ name: string }>).map((c) => c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: (sql.pragma(`foreign_key_list("${table}")`) as Array<Record<string, unknown>>).map(({ id: _id, seq: _seq, ...fk }) => fk),
    }));
  } finally {
    sql.close();
  }
}

describe("SQLite migrations", () => {
  it("applying prisma/migrations gives the same database as the data model itself", { timeout: 120_000 }, () => {
    const migrated = path.join(dir, "migrated.db");
    prisma(["migrate", "deploy"], `file:${migrated}`);

    const fromModel = path.join(dir, "model.db");
    // Prisma 6.19 writes a Json field's default unquoted on SQLite (`DEFAULT []`, a syntax error); the
    // migrations quote it by hand, so quote it here the same way.
    const script = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", SQLITE_SCHEMA, "--script"], `file:${path.join(dir, "unused.db")}`)
      .replace(/ DEFAULT (\[\]|\{\})/g, " DEFAULT '$1'");
    const sql = new Database(fromModel);
    sql.exec(script);
    sql.close();

    const expected = catalog(fromModel);
    expect((expected as unknown[]).length).toBeGreaterThan(10);
    expect(catalog(migrated)).toEqual(expected);
  });
});
