// On SQLite every statement passes the one process gate the delivery engine commits through, and an
// interactive transaction holds it for its whole length: the notification loops therefore pause after
// each write for PAUSE_FACTOR times as long as it took (the retention purge does the same, 1:24), so a burst
// of notices takes a small share of the database's time and webhook delivery keeps its speed. On
// PostgreSQL there is no gate and no pause.
import { dialectOf } from "@/lib/db/dialect";
import { env } from "@/lib/env";

// 1:4 (at most a fifth of the gate): `npm run bench -- --notifications` got 300 notices out in 51 s at 1:9 on a
// 2-core machine at load 11, too close to the 60 s goal.
const PAUSE_FACTOR = 4;

export async function paced<T>(work: () => Promise<T>): Promise<T> {
  if (dialectOf(env().DATABASE_URL) !== "sqlite") return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    const pause = (performance.now() - started) * PAUSE_FACTOR;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, 1_000)));
  }
}
