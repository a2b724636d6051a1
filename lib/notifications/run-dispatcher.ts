// The notification loops of a worker process, beside the delivery worker and never in its way: the
// dispatcher (Notification → email outbox / operational webhook), the digest fold and the email sender,
// each its own async loop with its own unref'd timer, so a slow SMTP server delays only the next email.
// Started where the delivery worker starts (instrumentation.ts, scripts/worker.ts); stopped by the one
// shutdown path (lib/shutdown.ts) after the delivery worker.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { env } from "@/lib/env";
import { onShutdown, SHUTDOWN_ORDER } from "@/lib/shutdown";
import { sendDueDigests } from "./digest";
import { dispatchNotifications } from "./dispatch";
import { createMailer, type Mailer } from "./mailer";
import { sendDueEmails } from "./send-emails";

const POLL_MS = 1_000;
const DIGEST_POLL_MS = 5_000;

type Loop = { stop: () => Promise<void> };

/** Runs `tick` now and then every `everyMs` (at once again while it reports more work), until stopped. */
function loop(name: string, everyMs: number, tick: () => Promise<boolean>): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = (async () => {
      let more = false;
      try {
        more = await tick();
      } catch (error) {
        console.error(`[notifications] ${name} failed:`, error instanceof Error ? error.message : error);
      }
      if (!stopped) {
        timer = setTimeout(run, more ? 0 : everyMs);
        timer.unref();
      }
    })();
  };
  run();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type NotificationRunner = { owner: string; mailer: Mailer; stop: () => Promise<void> };

export function startNotificationLoops(mailer: Mailer = createMailer()): NotificationRunner {
  const owner = `ntf-${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const loops = [
    loop("dispatch", POLL_MS, async () => (await dispatchNotifications(owner)).dispatched > 0),
    loop("digest", DIGEST_POLL_MS, async () => (await sendDueDigests()) > 0),
    loop("email sender", POLL_MS, async () => (await sendDueEmails(mailer, owner)).sent > 0),
  ];
  return {
    owner,
    mailer,
    stop: async () => {
      await Promise.all(loops.map((l) => l.stop()));
      mailer.close();
    },
  };
}

const globalForNotifications = globalThis as unknown as { dashxNotifications?: NotificationRunner };

/**
 * Starts this process's notification loops once (the web server only when it runs the delivery worker
 * too: with WEBHOOK_WORKER_IN_PROCESS=false they run in `npm run worker` processes, pass `force`).
 */
export function startDispatcherInProcess(options: { force?: boolean } = {}): NotificationRunner | undefined {
  if (globalForNotifications.dashxNotifications) return globalForNotifications.dashxNotifications;
  if (!options.force && env().WEBHOOK_WORKER_IN_PROCESS === "false") return undefined;
  const runner = (globalForNotifications.dashxNotifications = startNotificationLoops());
  console.log(`[notifications] dispatcher and email sender running (${runner.mailer.mode === "smtp" ? "SMTP" : "SMTP_URL unset: mail is printed and kept in the inbox"})`);
  onShutdown("notification dispatcher", SHUTDOWN_ORDER.background, async () => {
    await runner.stop();
    globalForNotifications.dashxNotifications = undefined;
  });
  return runner;
}
