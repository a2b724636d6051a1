// Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits past 1,000
// WAL pages copies them into the database file (and fsyncs) inside that commit: on the delivery hot path
// that is a stall every few dozen commits. Here a worker thread with its own connection checkpoints
// PASSIVE every 200 ms (it never blocks writers), and the hot-path connection only checkpoints itself
// as a backstop when the WAL passes 10,000 pages (the thread stopped, or a reader pins old frames).
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

const THREAD = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file, { timeout: 5000 });
setInterval(() => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} }, workerData.everyMs);
`;

export const BACKSTOP_PAGES = 10_000;

export function startCheckpointer(file: string, everyMs = 200): Worker {
  // Resolved at run time from the project root: the bundler must not try to follow it.
  const module = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json")).resolve("better-sqlite3");
  const worker = new Worker(THREAD, { eval: true, workerData: { file, module, everyMs } });
  worker.unref();
  worker.on("error", (error) => console.error("[sqlite] checkpointer stopped; the backstop checkpoints instead", error.message));
  return worker;
}
