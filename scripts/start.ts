// `npm start` and `npm run dev`: migrate the database, seed the demo merchant, then serve on PORT:
// the production build (built when sources changed), or with `--dev` Next's development server with hot
// reload. Same local secrets either way. The delivery worker starts inside the server (instrumentation.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { migrateDatabase } from "./db/migrate";
import { ensureBuild } from "./ensure-build";
import { loadLocalEnv } from "./local-env";

const dev = process.argv.includes("--dev");

async function main() {
  loadLocalEnv();
  const port = process.env.PORT || "3000";
  const host = process.env.HOST || "127.0.0.1"; // see scripts/serve.ts
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;

  await migrateDatabase(process.env.DATABASE_URL!);

  const production = process.env.DASHX_ENV === "production";
  const { seedDemoMerchant } = await import("@/lib/merchants/seed-demo");
  const demo = production ? undefined : await seedDemoMerchant(process.env.DEMO_MERCHANT_PASSWORD!);
  if (!dev) ensureBuild();

  // scripts/serve.ts: Next behind node:http (real client addresses). The server's SIGTERM/SIGINT
  // handler (lib/delivery/run-worker.ts) stops the delivery worker gracefully before exiting.
  const server = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts")], {
    stdio: "inherit",
    env: { ...process.env, PORT: port, HOST: host, NODE_ENV: dev ? "development" : "production", DASHX_NEXT_DEV: dev ? "true" : "false" },
  });
  console.log(
    [
      "",
      `DashX Webhooks${dev ? " (development, hot reload)" : ""}: http://localhost:${port} (listening on ${host})`,
      demo ? `Demo merchant${demo.created ? " (created)" : ""}: ${demo.email} / ${process.env.DEMO_MERCHANT_PASSWORD}` : "Production mode: no demo merchant",
      `Database: ${redactUrl(process.env.DATABASE_URL!)}`,
      "",
    ].join("\n"),
  );
  const forward = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The URL without its password (a PostgreSQL URL may carry one). */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
