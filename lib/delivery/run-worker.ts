import { env } from "@/lib/env";
import { DeliveryWorker } from "./worker";

const globalForWorker = globalThis as unknown as { dashxWorker?: DeliveryWorker };

/** Starts one worker for this process (unless disabled) and stops it gracefully on SIGTERM/SIGINT. */
export function startWorkerInProcess(): DeliveryWorker | undefined {
  if (env().WEBHOOK_WORKER_IN_PROCESS === "false" || globalForWorker.dashxWorker) return globalForWorker.dashxWorker;
  const worker = (globalForWorker.dashxWorker = new DeliveryWorker());
  worker.start();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void worker.stop().finally(() => process.exit(0));
    });
  }
  return worker;
}
