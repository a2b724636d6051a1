// endpoint-change.ts's statements inside a Prisma transaction: the changes a person makes (enable,
// disable) and a signature probe's verdict. The same SQL as the recorders', so one module stays the only
// writer of an endpoint's state and of the notifications it raises. On PostgreSQL the row is locked first
// (FOR NO KEY UPDATE, as the recorder does), so a recorder's batch and a person's change never decide on
// the same old state; on SQLite the write transaction already serialises them.
import { db, type Prisma } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/dialect";
import { env } from "@/lib/env";
import { changeOnSignatureVerdict, changeOnStatus, changeStatements, endpointState, signatureStatements, type EndpointFacts, type Statement } from "./endpoint-change";

type Tx = Prisma.TransactionClient;

const CHANGE_SELECT = {
  id: true, merchantId: true, url: true, description: true, status: true, disabledReason: true, failingSince: true, consecutiveFailures: true,
  pausedUntil: true, breakerTrips: true, lastError: true, failedInARow: true, alertState: true, signatureCheckAccepts: true,
} as const;

async function lockedRow(tx: Tx, merchantId: string, id: string) {
  if (dialectOf(env().DATABASE_URL) === "postgres") {
    await tx.$queryRawUnsafe(`SELECT 1 FROM "Endpoint" WHERE "id" = $1 AND "merchantId" = $2 FOR NO KEY UPDATE`, id, merchantId);
  }
  return tx.endpoint.findFirst({ where: { id, merchantId }, select: CHANGE_SELECT });
}

async function run(tx: Tx, statements: Statement[]): Promise<void> {
  for (const { sql, params } of statements) await tx.$executeRawUnsafe(sql, ...params);
}

/**
 * A person enables or disables the endpoint, inside the caller's transaction (changeOnStatus: the breaker
 * closes; disabling raises endpoint.disabled with `actor`). Returns whether the status changed; false
 * also when the endpoint is not this merchant's.
 */
export async function changeEndpointStatus(tx: Tx, merchantId: string, id: string, status: "enabled" | "disabled", actor: string, at = new Date()): Promise<boolean> {
  const row = await lockedRow(tx, merchantId, id);
  if (!row) return false;
  const facts: EndpointFacts = row;
  const before = endpointState(row);
  const change = changeOnStatus(facts, before, status, actor);
  if (!change) return false;
  await run(tx, changeStatements(dialectOf(env().DATABASE_URL), facts, before, change, at));
  return true;
}

/** Stores a signature probe's verdict, with endpoint.signature_unverified when it turns to accepting forged requests, in one transaction. */
export async function recordSignatureVerdict(merchantId: string, id: string, accepts: boolean, checkedAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await lockedRow(tx, merchantId, id);
    if (!row) return;
    const notifications = changeOnSignatureVerdict(row, endpointState(row), row.signatureCheckAccepts, accepts);
    await run(tx, signatureStatements(dialectOf(env().DATABASE_URL), row, accepts, checkedAt, notifications));
  });
}
