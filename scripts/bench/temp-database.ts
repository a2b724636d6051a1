// The benches' database: a fresh SQLite file in a temporary directory, selected through DATABASE_URL
// before anything reads the env, and migrated the way `npm start` does it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempDatabase(name: string): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dashx-${name}-`));
  const file = path.join(dir, `${name}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Migrates it the way `npm start` does (scripts/db/migrate.ts). */
export { migrateSqlite as migrateDeploy } from "../db/migrate";
