// For unit tests of the engine's SQL: a fresh SQLite file with every migration applied (the same SQL
// `prisma migrate deploy` runs), selected through DATABASE_URL before anything reads the env.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export function freshTestDatabase(): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-unit-"));
  const file = path.join(dir, "unit.db");
  const conn = new Database(file);
  const migrations = path.resolve("prisma/migrations");
  for (const name of fs.readdirSync(migrations).filter((n) => fs.statSync(path.join(migrations, n)).isDirectory()).sort()) {
    conn.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  conn.close();
  process.env.DATABASE_URL = `file:${file}`;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.WEBHOOK_ENCRYPTION_KEYS ??= `1:${randomBytes(32).toString("base64")}`;
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
