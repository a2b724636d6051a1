// Integration harness, the app process: starts the real app the way a newcomer does (scripts/start.ts,
// what `npm start` runs) on a free port with a fresh SQLite file. One app per test file: start in beforeAll,
// stop in afterAll. Crash tests kill() the app's process group and start it again on the same port and
// dataDir; runScript runs the other entry points (scripts/worker.ts, scripts/trigger.ts) as their own
// process groups. Beside it: http-client.ts (talk to the app like a browser), routes.ts (walk app/api/v1),
// shapes.ts (DESIGN §4 types) and the shared webhook receiver, tests/support/receiver.ts.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropTestDatabase, testDatabaseUrl } from "./test-database";
import { HttpClient, signUpAndLogIn, type Merchant } from "./http-client";
import { freePort } from "../support/free-port";

const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
/** The first start may run `next build` (about a minute, longer if another build holds the lock). */
export const START_TIMEOUT_MS = 540_000;

export { freePort };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  /** SIGTERM to the whole process group (a deploy): resolves with the exit code of scripts/start.ts once it is gone (null if a signal ended it); keeps the database. */
  terminate: () => Promise<number | null>;
};

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
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
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

  const terminate = async () => {
    process.off("exit", onExit);
    killGroup("SIGTERM");
    const code = await exited;
    await waitForGroupGone(child.pid);
    return code;
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
    terminate,
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
  /** Resolves with the script's exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends `signal` to its whole process group (the script and anything it started), and waits (up to 5 s) until all of it is gone. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** Sends `signal` to the process it started only, as a container runtime signals PID 1; resolves with its exit code once its whole group is gone. */
  signalLeader: (signal: NodeJS.Signals) => Promise<number | null>;
};

/** Runs `node --import tsx <script> ...args` from the repository root in its own process group, with the test's settings. */
export function runScript(script: string, args: string[], overrides: Record<string, string>): Script {
  return runCommand(process.execPath, ["--import", "tsx", script, ...args], overrides);
}

/** Runs `npm run <name>` the way an operator's process manager does (npm is the process it signals). */
export function runNpmScript(name: string, overrides: Record<string, string>): Script {
  return runCommand("npm", ["run", "--silent", name], overrides);
}

function runCommand(command: string, argv: string[], overrides: Record<string, string>): Script {
  const output: string[] = [];
  const child = spawn(command, argv, {
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
      await waitForGroupGone(child.pid); // what it started may outlive it
    },
    signalLeader: async (signal) => {
      if (child.pid) process.kill(child.pid, signal);
      const code = await exited;
      await waitForGroupGone(child.pid);
      return code;
    },
  };
}

export { ROOT };
