// Shared by the crash-safety tests: a receiver that takes a little time per request (so a kill lands
// mid-delivery), and the at-least-once verdict over what it received.
import { expect } from "vitest";
import { byWebhookId, PLATFORM_TOKEN, sleep, verifySigned, waitFor, webhookId, type Published } from "./delivery-helpers";
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
 * Read at the end: how many attempts each event's delivery has on record. An event can come twice
 * without a kill when its first attempt failed on the worker's side after the receiver got it (on a
 * loaded machine a 10 ms handler can miss the 500 ms timeout) and the retry succeeded: then both copies
 * are recorded attempts.
 */
export async function recordedAttempts(databaseUrl: string, endpointId: string): Promise<Map<string, number>> {
  const sql = await openTestSql(databaseUrl);
  try {
    // Once every delivery has succeeded: the last copy the receiver got may still be being recorded.
    const open = async () => (await sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "endpointId" = ? AND "status" <> 'succeeded'`, endpointId))[0];
    await waitFor("every delivery recorded as succeeded", async () => Number((await open()).n) === 0, 15_000, 50);
    const rows = await sql.all<{ eventId: string; n: number }>(
      `SELECT d."eventId", COUNT(*) AS n FROM "Attempt" a JOIN "Delivery" d ON d."id" = a."deliveryId" WHERE d."endpointId" = ? GROUP BY d."eventId"`,
      endpointId,
    );
    return new Map(rows.map((row) => [row.eventId, Number(row.n)]));
  } finally {
    await sql.close();
  }
}

/**
 * Every published event arrived at least once and nothing else did; each request verifies with the
 * endpoint's secret; an event received more than once came with the same webhook-id and byte-identical
 * bodies; and every event that came twice is one a killed process had sent without recording it
 * (`mayRepeat`, from unrecordedAfterKill at each kill) or one whose every copy is a recorded attempt
 * (`attempts`, from recordedAttempts).
 */
export function expectAtLeastOnce(requests: ReceivedRequest[], published: Published[], secret: string, mayRepeat: Set<string>, attempts: Map<string, number>): number {
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
  const notKilled = duplicated.filter((id) => !mayRepeat.has(id));
  const unexplained = notKilled.filter((id) => groups.get(id)!.length > (attempts.get(id) ?? 0));
  const retried = notKilled.length - unexplained.length;
  console.log(
    `[crash] ${requests.length} requests for ${groups.size} events; ${duplicated.length} events received more than once, of ${mayRepeat.size} sent but unrecorded at the kills` +
      (retried > 0 ? ` (and ${retried} retried after a failed attempt, each copy a recorded attempt)` : ""),
  );
  expect(unexplained).toEqual([]);
  return duplicated.length;
}
