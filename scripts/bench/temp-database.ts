// The benches' database: a fresh SQLite file in a temporary directory, selected through DATABASE_URL
// before anything reads the env, and migrated the way `npm start` does it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempDatabase(name: string): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dashx-${name}-`));
  const file = path.join(dir, `${name}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function migrateDeploy(): void {
  if (spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { stdio: "ignore", env: process.env }).status !== 0) {
    throw new Error("prisma migrate deploy failed");
  }
}
