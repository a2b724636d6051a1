// Claims due deliveries for one worker with a lease, in one atomic statement. This is the only
// dialect-specific query of the engine: on PostgreSQL the inner SELECT takes `FOR UPDATE SKIP LOCKED`
// so many workers claim disjoint rows without waiting; SQLite serializes writers, so a single
// UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING is already atomic there.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export type Claimed = { id: string; endpointId: string };

export type ClaimOptions = {
  owner: string;
  limit: number;
  leaseMs: number;
  /** Endpoints already at their concurrency cap in this worker: leave their deliveries for later. */
  excludeEndpoints?: string[];
  now?: Date;
};

export async function claimDueDeliveries({ owner, limit, leaseMs, excludeEndpoints = [], now = new Date() }: ClaimOptions): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const exclude = excludeEndpoints.length > 0 ? Prisma.sql`AND "endpointId" NOT IN (${Prisma.join(excludeEndpoints)})` : Prisma.empty;
  return db.$queryRaw<Claimed[]>`
    UPDATE "Delivery" SET "leaseOwner" = ${owner}, "leaseUntil" = ${leaseUntil}
    WHERE "id" IN (
      SELECT "id" FROM "Delivery"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
        AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now}) ${exclude}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
    )
    RETURNING "id", "endpointId"`;
}

/** Gives back leases this worker still holds (graceful shutdown), so others can send them at once. */
export async function releaseLeases(owner: string): Promise<number> {
  return db.delivery.updateMany({
    where: { leaseOwner: owner, status: "pending" },
    data: { leaseOwner: null, leaseUntil: null },
  }).then((r) => r.count);
}

/** When the next pending delivery falls due (for the poll timer), or undefined if none is scheduled. */
export async function nextDueAt(): Promise<Date | undefined> {
  const next = await db.delivery.findFirst({
    where: { status: "pending", nextAttemptAt: { not: null } },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  return next?.nextAttemptAt ?? undefined;
}
