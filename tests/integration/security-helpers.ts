// Shared pieces for the security suites (tests/integration/security-*.test.ts): an app whose SQLite file
// the test can open and grep, a platform-intake client, a bearer-key client, a receiver listening on
// both loopback addresses, and polling. Everything here talks only to 127.0.0.1 and ::1.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, startApp } from "./harness";
import { type ApiResponse, HttpClient } from "./http-client";
import { onPostgres } from "./test-database";
import type { TestSql } from "./test-sql";

export type SecureApp = App & {
  /** The SQLite database file (its -wal and -shm live next to it). */
  dbFile: string;
  /** The platform intake token this app was started with. */
  platformToken: string;
  /** POST /api/v1/events as the payments core. */
  intake: (body: unknown, headers?: Record<string, string>) => Promise<ApiResponse>;
  /** A client that sends `Authorization: Bearer <key>` on every request (no cookies). */
  bearer: (key: string) => HttpClient;
};

/**
 * Starts the app (harness.startApp). On SQLite its database is a file this test owns, so it can read and
 * grep it (`dbFile`); under TEST_DATABASE=postgres it gets a PostgreSQL database like any other app and
 * `dbFile` is empty (openDb and databaseBytes refuse it: read through openTestSql(app.databaseUrl)).
 */
export async function startSecureApp(overrides: Record<string, string> = {}): Promise<SecureApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-sec-"));
  const dbFile = onPostgres() ? "" : path.join(dir, "dashx.db");
  const platformToken = overrides.PLATFORM_API_TOKEN ?? `dpt_${randomBytes(24).toString("base64url")}`;
  const app = await startApp({ ...(dbFile && { DATABASE_URL: `file:${dbFile}` }), PLATFORM_API_TOKEN: platformToken, ...overrides });
  const intakeClient = new HttpClient(app.baseUrl);
  return {
    ...app,
    dbFile,
    platformToken,
    intake: (body, headers = {}) =>
      intakeClient.request("POST", "/api/v1/events", { json: body, headers: { authorization: `Bearer ${platformToken}`, ...headers } }),
    bearer: (key) => new BearerClient(app.baseUrl, key),
    stop: async () => {
      await app.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export class BearerClient extends HttpClient {
  constructor(baseUrl: string, readonly key: string) {
    super(baseUrl);
  }
  override request(method: string, urlPath: string, options: Parameters<HttpClient["request"]>[2] = {}): Promise<ApiResponse> {
    return super.request(method, urlPath, { ...options, headers: { authorization: `Bearer ${this.key}`, ...options.headers } });
  }
}

/** Opens the app's SQLite database from the test process (WAL mode: concurrent with the app). */
export function openDb(dbFile: string): Database.Database {
  if (!dbFile) throw new Error("openDb needs the app's SQLite file: this test runs on SQLite only (or use openTestSql)");
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 10000");
  return db;
}

/** The bytes of the database file and its WAL/SHM companions, for "this secret is nowhere on disk" greps. */
export function databaseBytes(dbFile: string): { file: string; bytes: Buffer }[] {
  if (!dbFile) throw new Error("databaseBytes reads the app's SQLite file: this test runs on SQLite only");
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]
    .filter((f) => fs.existsSync(f))
    .map((file) => ({ file, bytes: fs.readFileSync(file) }));
}

/**
 * Everything the app's database holds, to search for key material: on SQLite the file and its -wal/-shm
 * companions; on PostgreSQL (no file of ours to read) every column of every row of every table, as text.
 */
export async function storedBytes(app: SecureApp, sql: TestSql): Promise<{ file: string; bytes: Buffer }[]> {
  if (app.dbFile) return databaseBytes(app.dbFile);
  const columns = await sql.all<{ table: string; column: string; type: string }>(
    `SELECT table_name AS "table", column_name AS "column", data_type AS "type" FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const tables = [...new Set(columns.map((c) => c.table))];
  return Promise.all(
    tables.map(async (table) => {
      const cols = columns.filter((c) => c.table === table);
      const text = cols.map((c) => (c.type === "bytea" ? `encode("${c.column}", 'escape')` : `"${c.column}"::text`)).join(", ");
      const rows = await sql.all<{ row: string }>(`SELECT concat_ws(E'\\n', ${text}) AS "row" FROM "${table}"`);
      return { file: `PostgreSQL table ${table}`, bytes: Buffer.from(rows.map((r) => r.row).join("\n")) };
    }),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something truthy (that value is returned) or the timeout passes. */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The shared receiver on one port on both 127.0.0.1 and ::1, recording every request either gets. */
export type LoopbackReceiver = Receiver;
export const startLoopbackReceiver = (): Promise<LoopbackReceiver> => startReceiver({ alsoIPv6: true });

/** A valid checkout_session.completed `data` for the intake. */
export function completedData(id = `cs_${randomBytes(6).toString("hex")}`) {
  const now = new Date().toISOString();
  return {
    object: {
      id,
      createdAt: now,
      amountTotal: "25.00",
      currency: "USDC",
      status: "completed",
      customer_id: "cus_1",
      transaction_hash: "0xabc",
      payment_link_id: "pl_1",
      payment_link_title: "Coffee",
      from_address: "0x52908400098527886E0F7030069857D2E4169EE7",
      updatedAt: now,
    },
  };
}

export type AttemptLog = { attemptNumber: number; errorKind: string | null; errorMessage: string | null; response: unknown };
export type DeliveryDetail = { id: string; eventId: string; status: string; attempts: number; lastError: string | null; isTest: boolean; attemptLog: AttemptLog[] };
export type DeliverySummary = { id: string; eventId: string; status: string; attempts: number; isTest: boolean; lastError: string | null };
export type AuditEntry = { id: string; actor: string; action: string; detail: Record<string, unknown>; createdAt: string };
