// Integration harness: starts the real app the way a newcomer does (`npx tsx scripts/start.ts`) on a
// free port with a fresh SQLite file, talks to it over HTTP like a browser would (cookies, CSRF), and
// runs a real webhook receiver on 127.0.0.1. One app per test file: start in beforeAll, stop in afterAll.
// Crash tests kill() the app's process group and start it again on the same port and dataDir; runScript
// runs the other entry points (scripts/worker.ts, scripts/trigger.ts) as their own process groups.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http, { type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropTestDatabase, testDatabaseUrl } from "./test-database";

const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
/** The first start may run `next build` (about a minute, longer if another build holds the lock). */
export const START_TIMEOUT_MS = 540_000;

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// The app

export type App = {
  baseUrl: string;
  port: number;
  /** The app's database (a fresh file unless StartOptions.dataDir was given). */
  databaseUrl: string;
  /** Everything the server printed on stdout and stderr so far. */
  logs: () => string;
  /** A fresh cookie-keeping client (not logged in). */
  client: () => HttpClient;
  /** Signs up a new merchant over HTTP and logs in; the client carries the session cookie. */
  merchant: (name?: string) => Promise<Merchant>;
  /** SIGTERM, then SIGKILL, to the whole process group; removes the data directory unless the caller owns it. */
  stop: () => Promise<void>;
  /** `kill -9` of the whole process group (a crash): waits until it is gone, keeps the database for a restart. */
  kill: () => Promise<void>;
};

export type ApiRoute = { method: string; template: string };

/** Every route file under app/api/v1 and the methods it exports, as path templates (`/api/v1/webhooks/[id]`), sorted. */
export function apiV1Routes(): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
        for (const m of source.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
        const template = "/" + path.relative(path.join(ROOT, "app"), path.dirname(full)).split(path.sep).join("/");
        for (const method of methods) routes.push({ method, template });
      }
    }
  };
  walk(path.join(ROOT, "app", "api", "v1"));
  return routes.sort((a, b) => (a.template + a.method).localeCompare(b.template + b.method));
}

export type StartOptions = {
  /** Listen on this port (a restart keeps its URL); default: a free one. */
  port?: number;
  /**
   * Keep the database in this directory (dashx.db), owned by the caller: stop() and kill() leave it,
   * so a later startApp with the same dataDir restarts on the same database.
   */
  dataDir?: string;
};

/** The child's environment: the developer's, minus what Vitest adds, plus the test's settings. */
function childEnv(overrides: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === "NODE_ENV" || key.startsWith("VITEST") || key === "TEST") continue;
    env[key] = value;
  }
  return { ...env, ...overrides };
}

/** A `next build` outside ensure-build's lock (another developer's, the e2e setup's) held .next/: try again. */
class BuildBusyError extends Error {}

export async function startApp(overrides: Record<string, string> = {}, options: StartOptions = {}): Promise<App> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      return await launch(overrides, options, deadline);
    } catch (error) {
      if (!(error instanceof BuildBusyError) || Date.now() > deadline) throw error;
      await sleep(5_000);
    }
  }
}

async function launch(overrides: Record<string, string>, options: StartOptions, deadline: number): Promise<App> {
  const port = options.port ?? (await freePort());
  if (options.port !== undefined) await waitForPortFree(port, deadline);
  const baseUrl = `http://127.0.0.1:${port}`;
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "dashx-it-"));
  const databaseUrl = overrides.DATABASE_URL ?? (await testDatabaseUrl(dataDir));
  const output: string[] = [];
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/start.ts"], {
    cwd: ROOT,
    detached: true, // its own process group, so stop() reaches next-server too
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: baseUrl,
      DATABASE_URL: databaseUrl,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      ...overrides,
    }) as NodeJS.ProcessEnv, // Next's types make NODE_ENV required; the child must not inherit Vitest's "test"
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  const stop = async () => {
    process.off("exit", onExit);
    if (alive) {
      killGroup("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) killGroup("SIGKILL");
      await Promise.race([exited, sleep(5_000)]);
    }
    killGroup("SIGKILL"); // stragglers in the group (next-server children)
    if (ownsDataDir) {
      await dropTestDatabase(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };

  const kill = async () => {
    process.off("exit", onExit);
    killGroup("SIGKILL");
    await exited;
    await waitForGroupGone(child.pid);
  };

  for (;;) {
    if (!alive) {
      await stop();
      const text = output.join("");
      if (text.includes("Another next build process is already running")) throw new BuildBusyError(text);
      throw new Error(`The app exited before it answered. Output:\n${output.join("")}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer within ${START_TIMEOUT_MS / 1000} s. Output:\n${output.join("")}`);
    }
    await sleep(250);
  }

  const client = () => new HttpClient(baseUrl);
  return {
    baseUrl,
    port,
    databaseUrl,
    logs: () => output.join(""),
    client,
    merchant: (name?: string) => signUpAndLogIn(client(), name),
    stop,
    kill,
  };
}

/** Resolves once nothing listens on 127.0.0.1:port (a killed server's socket is gone). */
async function waitForPortFree(port: number, deadline: number): Promise<void> {
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return;
    if (Date.now() > deadline) throw new Error(`Port ${port} is still in use`);
    await sleep(100);
  }
}

/** Resolves once no process of the group `pgid` is left (SIGKILL is asynchronous for the members). */
async function waitForGroupGone(pgid: number | undefined): Promise<void> {
  if (!pgid) return;
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return; // ESRCH: the group is empty
    }
    await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------------
// Other entry points (scripts/worker.ts, scripts/trigger.ts) as separate processes

export type Script = {
  pid: number;
  /** Everything it printed so far. */
  output: () => string;
  /** Resolves with npx's exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends `signal` to its whole process group (npx, tsx and node), and waits (up to 5 s) until all of it is gone. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
};

/** Runs `npx tsx <script> ...args` from the repository root in its own process group, with the test's settings. */
export function runScript(script: string, args: string[], overrides: Record<string, string>): Script {
  const output: string[] = [];
  const child = spawn("npx", ["tsx", script, ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv(overrides) as NodeJS.ProcessEnv,
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => signalGroup("SIGKILL");
  process.once("exit", onExit);
  void exited.then(() => process.off("exit", onExit));
  return {
    pid: child.pid ?? -1,
    output: () => output.join(""),
    exited,
    kill: async (signal = "SIGKILL") => {
      signalGroup(signal);
      await exited;
      await waitForGroupGone(child.pid); // npx may exit before the script it launched has finished
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP client with a cookie jar

export type ApiResponse = { status: number; headers: Headers; text: string; body: unknown };
export type Exchange = { method: string; path: string; status: number; text: string };

type RequestOptions = { json?: unknown; raw?: string; form?: Record<string, string>; headers?: Record<string, string> };

export class HttpClient {
  readonly cookies = new Map<string, string>();
  /** Every response this client received, for "the secret never appears again" checks. */
  readonly transcript: Exchange[] = [];

  constructor(readonly baseUrl: string) {}

  async request(method: string, urlPath: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] = "application/json";
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers["content-type"] ??= "application/json";
    } else if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(this.baseUrl + urlPath, { method, headers, body, redirect: "manual" });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    this.transcript.push({ method, path: urlPath, status: res.status, text });
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  get = (p: string) => this.request("GET", p);
  post = (p: string, json?: unknown) => this.request("POST", p, json === undefined ? {} : { json });
  patch = (p: string, json: unknown) => this.request("PATCH", p, { json });
  delete = (p: string) => this.request("DELETE", p);
}

// ---------------------------------------------------------------------------------------------------
// Merchants

export type Merchant = { id: string; name: string; email: string; password: string; client: HttpClient };

export const PASSWORD = "correct-horse-battery-staple";

export function uniqueEmail(prefix = "merchant"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.com`;
}

export async function signUp(client: HttpClient, fields: { name: string; email: string; password: string }): Promise<ApiResponse> {
  return client.request("POST", "/api/signup", { json: fields });
}

/** next-auth 4's credentials flow, as the login form does it: CSRF token, then a form post. */
export async function logIn(client: HttpClient, email: string, password: string): Promise<ApiResponse> {
  const csrf = await client.get("/api/auth/csrf");
  const { csrfToken } = csrf.body as { csrfToken: string };
  return client.request("POST", "/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: `${client.baseUrl}/` },
  });
}

export async function signUpAndLogIn(client: HttpClient, name = "Test Merchant"): Promise<Merchant> {
  const email = uniqueEmail();
  const created = await signUp(client, { name, email, password: PASSWORD });
  if (created.status !== 201) throw new Error(`signup answered ${created.status}: ${created.text}`);
  const login = await logIn(client, email, PASSWORD);
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  const me = await client.get("/api/v1/merchant");
  if (me.status !== 200) throw new Error(`GET /api/v1/merchant after login answered ${me.status}: ${me.text}`);
  const { id } = me.body as { id: string };
  return { id, name, email, password: PASSWORD, client };
}

// ---------------------------------------------------------------------------------------------------
// A real webhook receiver

export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string; at: number };
export type ReceiverMode =
  | { kind: "ok" }
  | { kind: "status"; status: number; headers?: Record<string, string> }
  | { kind: "hang" }
  | { kind: "redirect"; location: string }
  /** Answer (or not) in code; `request` is already in `requests`. */
  | { kind: "custom"; handle: (request: ReceivedRequest, res: ServerResponse) => void };

export type Receiver = {
  url: (p?: string) => string;
  port: number;
  requests: ReceivedRequest[];
  respondWith: (mode: ReceiverMode) => void;
  waitForRequests: (count: number, timeoutMs?: number) => Promise<ReceivedRequest[]>;
  clear: () => void;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let mode: ReceiverMode = { kind: "ok" };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      requests.push(received);
      switch (mode.kind) {
        case "ok":
          res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
          break;
        case "status":
          res.writeHead(mode.status, { "content-type": "text/plain", ...mode.headers }).end(`receiver answered ${mode.status}`);
          break;
        case "custom":
          mode.handle(received, res);
          break;
        case "redirect":
          res.writeHead(302, { location: mode.location }).end();
          break;
        case "hang":
          break; // never answer; close() destroys the socket
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (p = "/webhooks") => `http://127.0.0.1:${port}${p}`,
    requests,
    respondWith: (next) => (mode = next),
    async waitForRequests(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`Receiver got ${requests.length} of ${count} requests within ${timeoutMs} ms`);
        await sleep(25);
      }
      return requests.slice();
    },
    clear: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Shapes from DESIGN §4

export type Endpoint = {
  id: string;
  url: string;
  description: string;
  status: "enabled" | "disabled";
  eventTypes: string[];
  createdAt: string;
  updatedAt: string;
  disabledReason: string | null;
  health: { state: "healthy" | "paused"; pausedUntil: string | null; consecutiveFailures: number; lastError: string | null };
  headers: Record<string, string>;
  signatureCheck: { acceptsInvalidSignature: boolean; checkedAt: string } | null;
};
export type CreatedEndpoint = Endpoint & { secret: string };
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
export type TestResult = {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  errorKind?: string | null;
  eventId?: string;
};

export const ENDPOINT_KEYS = ["createdAt", "description", "disabledReason", "eventTypes", "headers", "health", "id", "signatureCheck", "status", "updatedAt", "url"];

export async function createEndpoint(
  client: HttpClient,
  input: { url: string; description?: string; eventTypes?: string[]; headers?: Record<string, string> },
): Promise<CreatedEndpoint> {
  const res = await client.post("/api/v1/webhooks", input);
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${res.text}`);
  return res.body as CreatedEndpoint;
}

export { ROOT };
