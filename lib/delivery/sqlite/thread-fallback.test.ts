// A store thread that cannot start (here: its entry file is not where the working directory says)
// costs nothing: the batches it was given, and every later one, run on the event loop instead.
import os from "node:os";
import { afterAll, expect, it } from "vitest";
import { freshTestDatabase, type TestDatabase } from "../test-db";

let database: TestDatabase;
afterAll(async () => {
  (await import("@/lib/db/sqlite")).sqlite().close();
  await database?.remove();
});

it("a thread that never starts: its batches and all later ones run on this thread, none fails", async () => {
  database = await freshTestDatabase("sqlite");
  const { storeThread } = await import("./thread-client");
  const store = await (await import("../store")).deliveryStore();
  const cwd = process.cwd();
  process.chdir(os.tmpdir()); // the thread's entry is resolved from the working directory when it starts
  let doomed;
  try {
    doomed = storeThread();
  } finally {
    process.chdir(cwd);
  }
  expect(doomed).not.toBeNull();
  const event = { id: "evt_fallback", merchantId: "mer_none", type: "checkout_session.expired", payload: "{}", isTest: false, idempotencyKey: null, requestHash: null, createdAt: new Date() };
  expect(await store.publish(event)).toEqual({ kind: "merchant_not_found" }); // answered by the SQL, on this thread
  expect(storeThread()).toBeNull();
  expect((globalThis as { dashxSqlite?: unknown }).dashxSqlite).toBeDefined();
  expect(await store.releaseOwner("nobody")).toBe(0);
});
