// `npm start` and `npm run dev`: migrate the database, seed the demo merchant, then serve on PORT:
// the production build (built when sources changed), or with `--dev` Next's development server with hot
// reload. Same local secrets either way. The delivery worker starts inside the server (instrumentation.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { migrateDatabase } from "./db/migrate";
import { env } from "@/lib/env";
import { ensureBuild } from "./ensure-build";
import { loadLocalEnv } from "./local-env";
import { redactUrl } from "./redact-url";

const dev = process.argv.includes("--dev");

async function main() {
  loadLocalEnv();
  const { PORT: port, HOST: host, DASHX_ENV, DATABASE_URL, DEMO_MERCHANT_PASSWORD, SMTP_URL } = env();
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
  // The links in notification emails point at the dashboard: its own URL unless APP_URL says otherwise.
  process.env.APP_URL ||= process.env.NEXTAUTH_URL;

  await migrateDatabase(DATABASE_URL);

  const production = DASHX_ENV === "production";
  const { seedDemoMerchant } = await import("@/lib/merchants/seed-demo");
  // loadLocalEnv generated the password unless it was set: only production has none.
  const demo = production || !DEMO_MERCHANT_PASSWORD ? undefined : await seedDemoMerchant(DEMO_MERCHANT_PASSWORD);
  if (!dev) ensureBuild();

  // scripts/serve.ts: Next behind node:http (real client addresses). Its SIGTERM/SIGINT shutdown
  // (lib/shutdown.ts) finishes the requests in flight, then stops the in-process worker, if any, gracefully.
  const server = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/serve.ts"), ...(dev ? ["--dev"] : [])], {
    stdio: "inherit",
    env: { ...process.env, PORT: String(port), HOST: host, NODE_ENV: dev ? "development" : "production" },
  });
  console.log(
    [
      "",
      `DashX Webhooks${dev ? " (development, hot reload)" : ""}: http://localhost:${port} (listening on ${host})`,
      demo ? `Demo merchant${demo.created ? " (created)" : ""}: ${demo.email} / ${DEMO_MERCHANT_PASSWORD}` : "Production mode: no demo merchant",
      `Database: ${redactUrl(DATABASE_URL)}`,
      SMTP_URL
        ? `Notification email: via ${redactUrl(SMTP_URL)}`
        : "Notification email: printed here and kept in the dashboard inbox. For real mail set SMTP_URL=smtp://user:pass@host:587 (or smtps://…:465) and MAIL_FROM (.env.example)",
      "",
    ].join("\n"),
  );
  const forward = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
