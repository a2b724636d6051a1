// `npm run bench:keyset`: the delivery log's keyset pagination with a million deliveries on one
// endpoint. Builds a temporary database (prisma migrate deploy, then 1,000,000 rows in one transaction)
// and times listDeliveries (the function behind GET /api/v1/webhooks/{id}/deliveries) for the first
// page and for pages deep in the log, with and without a status filter. One final JSON line.
import { seedBenchDatabase } from "./bench/temp-database";

const ROWS = Number(process.env.BENCH_KEYSET_ROWS ?? 1_000_000);

async function main() {
  const { sql, remove } = seedBenchDatabase("keyset");
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString().replace("Z", "+00:00");
  const insert = sql.prepare(`INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","createdAt","updatedAt") VALUES (?,?,?,?,?,1,?,?)`);
  sql.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`d${String(i).padStart(8, "0")}`, "ev", "e", "m", i % 10 === 0 ? "failed" : "succeeded", at(i), at(i));
  })();
  sql.close();

  const { listDeliveries } = await import("@/lib/delivery-log/list-deliveries");
  const { encodeCursor } = await import("@/lib/api/pagination");
  const results: Record<string, number> = {};
  for (const depth of [0, Math.floor(ROWS / 2), ROWS - 1000]) {
    const cursor = depth === 0 ? undefined : encodeCursor({ createdAt: new Date(Date.UTC(2026, 0, 1) + (ROWS - depth) * 1000), id: "~" });
    for (const status of [undefined, "failed" as const]) {
      await listDeliveries("m", "e", { limit: 25, cursor, status }); // warm-up
      const started = performance.now();
      for (let k = 0; k < 20; k++) {
        const page = await listDeliveries("m", "e", { limit: 25, cursor, status });
        if (page.data.length !== 25) throw new Error("short page");
      }
      const ms = Math.round(((performance.now() - started) / 20) * 100) / 100;
      results[`row${depth}${status ? "Failed" : ""}Ms`] = ms;
      console.log(`page of 25 at row ${depth.toLocaleString("en")}${status ? " (status=failed)" : ""}: ${ms} ms`);
    }
  }
  remove();
  console.log(JSON.stringify({ rows: ROWS, ...results }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
