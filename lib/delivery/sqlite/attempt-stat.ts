// The stats rollup: each real attempt adds one to its endpoint's (UTC hour, latency bucket) row, inside
// the transaction that records the attempt, so the counts can never disagree with the attempt log.
import { stmt } from "@/lib/db/sqlite";
import { latencyBucket } from "../attempt-stat";

/** `at` is the attempt's stored date text ("2026-12-02T14:03:11.123+00:00"); its first 13 characters are the hour. */
export function countAttempt(merchantId: string, endpointId: string, at: string, durationMs: number, ok: boolean): void {
  stmt(
    `INSERT INTO "AttemptStat" ("endpointId","merchantId","hour","latencyMs","succeeded","failed") VALUES (?,?,?,?,?,?)
     ON CONFLICT ("endpointId","hour","latencyMs") DO UPDATE SET "succeeded" = "succeeded" + excluded."succeeded", "failed" = "failed" + excluded."failed"`,
  ).run(endpointId, merchantId, at.slice(0, 13), latencyBucket(durationMs), ok ? 1 : 0, ok ? 0 : 1);
}
