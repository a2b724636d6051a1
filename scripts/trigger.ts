// `npm run trigger -- <type> [--merchant <email|id>]`: publishes a sample event through the same code
// path as POST /api/v1/events, like `stripe trigger`. The running server's worker delivers it.
import { loadLocalEnv } from "./local-env";

loadLocalEnv();

const USAGE = "Usage: npm run trigger -- <checkout_session.completed|expired|canceled> [--merchant <email|id>] [--count N]";

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const merchantRef = flag("--merchant");
  const count = Number(flag("--count") ?? 1);
  const { EVENT_TYPES, eventTypeSchema, sampleEventData } = await import("@/lib/events/catalog");
  const raw = args[0] ?? "";
  const parsed = eventTypeSchema.safeParse(raw.includes(".") ? raw : `checkout_session.${raw}`);
  if (!parsed.success || !Number.isInteger(count) || count < 1) throw new Error(`${USAGE}\nEvent types: ${EVENT_TYPES.join(", ")}`);

  const { db } = await import("@/lib/db/client");
  const { DEMO_EMAIL } = await import("@/lib/merchants/seed-demo");
  const ref = merchantRef ?? DEMO_EMAIL;
  const merchant = await db.merchant.findFirst({ where: { OR: [{ id: ref }, { email: ref.toLowerCase() }] } });
  if (!merchant) throw new Error(`No merchant with id or email "${ref}"`);

  const { publishEvent } = await import("@/lib/events/publish");
  for (let i = 0; i < count; i++) {
    const result = await publishEvent({ merchantId: merchant.id, type: parsed.data, data: sampleEventData(parsed.data) });
    console.log(`Published ${parsed.data} ${result.id} for ${merchant.email}: ${result.deliveries} deliver${result.deliveries === 1 ? "y" : "ies"} queued`);
  }
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
