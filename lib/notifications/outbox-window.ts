// The storm cap's view of the email outbox, read inside the transaction that writes the next email. On
// PostgreSQL a transaction-scoped advisory lock per endpoint first: two dispatchers (any process) writing
// emails about one endpoint take turns, so both cannot see "2 sent" and write the 3rd and the 4th. SQLite
// serialises writers already (the dispatcher's transactions write first).
import type { Prisma } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/dialect";
import { env } from "@/lib/env";
import { windowStart, type StormWindow } from "./storm";

/** Statuses that count toward the cap: an email that went out or will (a held or digested one did not). */
export const COUNTED_STATUSES = ["pending", "sent", "console"];

export async function lockEndpointOutbox(tx: Prisma.TransactionClient, endpointId: string): Promise<void> {
  if (dialectOf(env().DATABASE_URL) !== "postgres") return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`notification-email:${endpointId}`}))`;
}

export async function readStormWindow(tx: Prisma.TransactionClient, endpointId: string, now: Date): Promise<StormWindow> {
  const found = await tx.notificationEmail.aggregate({
    where: { endpointId, status: { in: COUNTED_STATUSES }, createdAt: { gt: windowStart(now) } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  return { count: found._count._all, oldest: found._min.createdAt };
}
