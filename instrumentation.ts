// Next.js calls register() once per server process: start the in-process delivery worker (with the
// notification dispatcher and email sender beside it) and the retention purge there.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorkerInProcess } = await import("@/lib/delivery/run-worker");
  startWorkerInProcess();
  const { startDispatcherInProcess } = await import("@/lib/notifications/run-dispatcher");
  startDispatcherInProcess();
  const { startRetention } = await import("@/lib/retention/purge");
  startRetention();
}
