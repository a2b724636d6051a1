// The benches' database: a fresh SQLite file in a temporary directory, selected through DATABASE_URL
// before anything reads the env, and migrated the way `npm start` does it (lib/db/migrate-sqlite.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "@/lib/db/migrate-sqlite";
import { loadLocalEnv } from "../local-env";

export function tempDatabase(name: string): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dashx-${name}-`));
  const file = path.join(dir, `${name}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For the benches that write their million rows in SQL: a migrated temporary database holding merchant
 * "m", its endpoints (ids `endpointIds`, URLs https://example.com/<id>) and one event "ev", and an open
 * connection to it. Call it before anything reads the env.
 */
export function seedBenchDatabase(name: string, endpointIds = ["e"]): { sql: Database.Database; remove: () => void } {
  const { file, remove } = tempDatabase(name);
  loadLocalEnv();
  migrateSqlite();
  const sql = new Database(file);
  const at = new Date().toISOString().replace("Z", "+00:00");
  sql.prepare(`INSERT INTO "Merchant" ("id","name","email","passwordHash","updatedAt") VALUES ('m','Bench','bench@dashx.local','x',?)`).run(at);
  const endpoint = sql.prepare(`INSERT INTO "Endpoint" ("id","merchantId","url","secretCiphertext","updatedAt") VALUES (?,'m',?,'x',?)`);
  for (const id of endpointIds) endpoint.run(id, `https://example.com/${id}`, at);
  sql.exec(`INSERT INTO "Event" ("id","merchantId","type","payload") VALUES ('ev','m','checkout_session.expired','{}')`);
  return { sql, remove };
}
