// Builds the Next.js app when there is no build yet or a source file is newer than the last one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package.json", "instrumentation.ts", "proxy.ts", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json"];
const STAMP = path.resolve(".next", "BUILD_ID");

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .filter((name) => name !== "generated")
    .reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

export function buildIsStale(): boolean {
  if (!fs.existsSync(STAMP)) return true;
  const built = fs.statSync(STAMP).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.resolve(s)) > built);
}

const LOCK = path.resolve(".data", "build.lock");
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds if stale. Concurrent callers (parallel test runs) wait for one build instead of racing on .next/. */
export function ensureBuild(): void {
  if (!buildIsStale()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true }); // left by a killed build
      sleep(500);
    }
  }
  try {
    if (!buildIsStale()) return;
    console.log("Building the dashboard (next build)…");
    // The build reads the sources over a minute or more: a file saved meanwhile may not be in it, so
    // the build counts as of when it started (a source newer than that makes the next check rebuild).
    const startedAt = new Date();
    const result = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
    fs.utimesSync(STAMP, startedAt, startedAt);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

if (require.main === module) ensureBuild();
