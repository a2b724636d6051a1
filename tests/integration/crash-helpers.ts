// Shared by the crash-safety tests: a receiver that takes a little time per request (so a kill lands
// mid-delivery), and the at-least-once verdict over what it received.
import { expect } from "vitest";
import { byWebhookId, PLATFORM_TOKEN, sleep, verifySigned, webhookId, type Published } from "./delivery-helpers";
import { openTestSql } from "./test-sql";
import type { ReceivedRequest, Receiver } from "../support/receiver";

export const EVENTS = 1_000;
const PER_ENDPOINT = 8;
// The lease is WEBHOOK_TIMEOUT_MS × 3 + 10 s: 11.5 s here. Rows a killed worker had claimed come back after that.
export const ENV = {
  PLATFORM_API_TOKEN: PLATFORM_TOKEN,
  WEBHOOK_TIMEOUT_MS: "500",
  WEBHOOK_RETRY_SCHEDULE: "200ms,400ms,800ms,1s,1s,1s,1s",
  WEBHOOK_WORKER_PER_ENDPOINT: String(PER_ENDPOINT),
};
export const LEASE_MS = 500 * 3 + 10_000;

/** Answers 200 after `delayMs`, like a real handler doing some work. */
export function slowReceiver(receiver: Receiver, delayMs: number): void {
  receiver.respondWith({
    kind: "custom",
    handle: (_request, res) => {
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      }, delayMs);
    },
  });
}

/**
 * Read right after a kill: the events the receiver has that the database does not record as delivered.
 * Only these may arrive twice (the dead process sent them, got or was getting its 200, and never
 * recorded it). A live worker's own unrecorded attempts are included too, so this is an upper bound.
 */
export async function unrecordedAfterKill(databaseUrl: string, receiver: Receiver, endpointId: string, into: Set<string>): Promise<void> {
  await sleep(300); // what the dead process had written to its sockets reaches the receiver
  const sql = await openTestSql(databaseUrl);
  try {
    // The database first, then the receiver: anything recorded in between only widens the set.
    const rows = await sql.all<{ eventId: string }>(`SELECT "eventId" FROM "Delivery" WHERE "endpointId" = ? AND status = 'succeeded'`, endpointId);
    const recorded = new Set(rows.map((row) => row.eventId));
    for (const request of receiver.requests) if (!recorded.has(webhookId(request))) into.add(webhookId(request));
  } finally {
    await sql.close();
  }
}

/**
 * Read at the end: the events whose delivery has a failed attempt recorded. The receiver may have got
 * such a request and answered it after the worker stopped waiting (on a loaded machine a 10 ms handler
 * can miss a 500 ms timeout), so the retry that follows is an honest second copy, not a lost record.
 */
export async function failedAttempts(databaseUrl: string, endpointId: string, into: Set<string>): Promise<void> {
  const sql = await openTestSql(databaseUrl);
  try {
    const rows = await sql.all<{ eventId: string }>(
      `SELECT DISTINCT d."eventId" FROM "Attempt" a JOIN "Delivery" d ON d."id" = a."deliveryId" WHERE d."endpointId" = ? AND a."errorKind" IS NOT NULL`,
      endpointId,
    );
    for (const row of rows) into.add(row.eventId);
  } finally {
    await sql.close();
  }
}

/**
 * Every published event arrived at least once and nothing else did; each request verifies with the
 * endpoint's secret; an event received more than once came with the same webhook-id and byte-identical
 * bodies; and every event that came twice is one a killed process had sent without recording it
 * (`mayRepeat`, from unrecordedAfterKill at each kill) or one with a failed attempt on record
 * (failedAttempts).
 */
export function expectAtLeastOnce(requests: ReceivedRequest[], published: Published[], secret: string, mayRepeat: Set<string>, retried: Set<string>): number {
  const groups = byWebhookId(requests);
  const ids = new Set(published.map((p) => p.id));
  const missing = [...ids].filter((id) => !groups.has(id));
  expect(missing).toEqual([]);
  expect([...groups.keys()].filter((id) => !ids.has(id))).toEqual([]);
  const types = new Map(published.map((p) => [p.id, p.type]));
  const duplicated: string[] = [];
  for (const [id, copies] of groups) {
    if (copies.length > 1) duplicated.push(id);
    for (const copy of copies) {
      const body = verifySigned(copy, secret) as { id: string; type: string };
      expect(body.id).toBe(id);
      expect(body.type).toBe(types.get(id));
      expect(copy.body).toBe(copies[0].body);
    }
  }
  const afterFailure = duplicated.filter((id) => !mayRepeat.has(id) && retried.has(id));
  console.log(
    `[crash] ${requests.length} requests for ${groups.size} events; ${duplicated.length} events received more than once, of ${mayRepeat.size} sent but unrecorded at the kills` +
      (afterFailure.length > 0 ? ` (and ${afterFailure.length} retried after a failed attempt)` : ""),
  );
  expect(duplicated.filter((id) => !mayRepeat.has(id) && !retried.has(id))).toEqual([]);
  return duplicated.length;
}
