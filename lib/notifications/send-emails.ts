// The email sender: leases due outbox rows (status pending, nextAttemptAt <= now; a compare-and-set on
// leaseOwner/leaseUntil, so several workers send each email once), sends them, marks them sent. A
// failure (SMTP down, 4xx/5xx answer, timeout) keeps the row pending with attempts + 1, the error, and
// the next try after an exponential backoff capped at an hour: nothing is lost while SMTP is down.
import { db } from "@/lib/db/client";
import { observeEmailFailure, observeEmailSent } from "@/lib/ops/metrics";
import { SEND_CONCURRENCY, type Mailer } from "./mailer";
import { paced } from "./pace";

// Longer than one try can take (SMTP_TIMEOUTS: 10 s connect + 10 s greeting + 20 s idle socket).
export const EMAIL_LEASE_MS = 60_000;
export const EMAIL_BACKOFF_BASE_MS = 5_000;
export const EMAIL_BACKOFF_MAX_MS = 3_600_000;
const BATCH = 20;

/** The wait after the `attempts`-th failed try: 5 s, 10 s, 20 s, … up to 1 h. */
export function emailBackoffMs(attempts: number): number {
  return Math.min(EMAIL_BACKOFF_MAX_MS, EMAIL_BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

const headersOf = (value: unknown): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"))
    : {};

export type SendResult = { sent: number; failed: number };

export async function sendDueEmails(mailer: Mailer, owner: string, now = new Date()): Promise<SendResult> {
  const free = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const due = await db.notificationEmail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...free },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const result: SendResult = { sent: 0, failed: 0 };
  if (due.length === 0) return result;
  // One compare-and-set for the batch: the rows still free are ours, the others another worker's.
  const leased = await paced(() =>
    db.notificationEmail.updateManyAndReturn({
      where: { id: { in: due.map((d) => d.id) }, status: "pending", ...free },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + EMAIL_LEASE_MS) },
      select: { id: true, to: true, subject: true, text: true, html: true, headers: true, attempts: true },
    }),
  );
  // A few at a time (the pooled connections): one slow message does not hold the others back.
  const queue = [...leased];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await sendOne(mailer, owner, next, result);
  };
  await Promise.all(Array.from({ length: SEND_CONCURRENCY }, lane));
  return result;
}

type Leased = { id: string; to: string; subject: string; text: string; html: string; headers: unknown; attempts: number };

async function sendOne(mailer: Mailer, owner: string, email: Leased, result: SendResult): Promise<void> {
  const { id } = email;
  const attempts = email.attempts + 1;
  try {
    await mailer.send({ to: email.to, subject: email.subject, text: email.text, html: email.html, headers: headersOf(email.headers) });
    await paced(() =>
      db.notificationEmail.updateMany({
        where: { id, leaseOwner: owner },
        data: { status: mailer.mode === "smtp" ? "sent" : "console", attempts, sentAt: new Date(), lastError: null, leaseOwner: null, leaseUntil: null },
      }),
    );
    result.sent++;
    if (mailer.mode === "smtp") observeEmailSent();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db.notificationEmail.updateMany({
      where: { id, leaseOwner: owner },
      data: { attempts, lastError: message, nextAttemptAt: new Date(Date.now() + emailBackoffMs(attempts)), leaseOwner: null, leaseUntil: null },
    });
    result.failed++;
    observeEmailFailure();
    console.error(`[notifications] email ${id} not sent (try ${attempts}), retried in ${emailBackoffMs(attempts) / 1000} s: ${message}`);
  }
}
