// The e2e server's database (playwright.config.ts sets DATABASE_URL): the SQLite file by default, or with
// E2E_DATABASE=postgres (npm run test:e2e:pg) a PostgreSQL database of its own, made empty before the run
// (reset-db.mjs, then npm start migrates it) and dropped after it (the global teardown below).
import fs from "node:fs";
import pg from "pg";

/** Runs `sql` on the server's maintenance database (`postgres`), next to the e2e database. */
async function onServer(url, sql) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const nameOf = (url) => decodeURIComponent(new URL(url).pathname.slice(1));

export async function resetDatabase(url) {
  if (url.startsWith("file:")) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${url.slice("file:".length)}${suffix}`, { force: true });
    return;
  }
  await onServer(url, `DROP DATABASE IF EXISTS "${nameOf(url)}" WITH (FORCE)`);
  await onServer(url, `CREATE DATABASE "${nameOf(url)}"`);
}

/** Playwright's global teardown: a PostgreSQL run leaves no database behind (the SQLite file stays, for a look). */
export default async function dropDatabase() {
  const url = process.env.E2E_DATABASE_URL;
  if (url && !url.startsWith("file:")) await onServer(url, `DROP DATABASE IF EXISTS "${nameOf(url)}" WITH (FORCE)`);
}
