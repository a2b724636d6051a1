// One graceful shutdown per process. On SIGTERM or SIGINT the steps registered with onShutdown run one
// after another, lowest `order` first (the web server stops taking requests and finishes the ones it has
// before the delivery worker finishes its attempts and gives back its leases), then the process exits 0.
// A second signal during shutdown is ignored rather than killing the process halfway. State lives on
// globalThis: the web server (scripts/serve.ts) and the worker Next starts (instrumentation.ts) load this
// module as separate copies in one process.
type Step = { name: string; order: number; run: () => Promise<void> };
type State = { steps: Step[]; stopping: boolean };

const globalForShutdown = globalThis as unknown as { dashxShutdown?: State };

export const SHUTDOWN_ORDER = { http: 0, worker: 1, background: 2 } as const;

export function onShutdown(name: string, order: number, run: () => Promise<void>): void {
  let state = globalForShutdown.dashxShutdown;
  if (!state) {
    state = globalForShutdown.dashxShutdown = { steps: [], stopping: false };
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutdown(signal));
  }
  state.steps.push({ name, order, run });
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  const state = globalForShutdown.dashxShutdown!;
  if (state.stopping) return;
  state.stopping = true;
  const steps = [...state.steps].sort((a, b) => a.order - b.order);
  console.log(`[shutdown] ${signal}: ${steps.map((s) => s.name).join(", then ")}`);
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      console.error(`[shutdown] ${step.name} failed:`, error instanceof Error ? error.message : error);
    }
  }
  process.exit(0);
}
