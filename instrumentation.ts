// Next.js calls register() once per server process: start the in-process delivery worker and the
// retention purge there.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorkerInProcess } = await import("@/lib/delivery/run-worker");
  startWorkerInProcess();
  const { startRetention } = await import("@/lib/retention/purge");
  startRetention();
}
