// POST /api/v1/webhooks/{id}/retry-now {since, dryRun?} : deliveries since then waiting on a retry are sent now (or counted).
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { retryWaitingDeliveries } from "@/lib/delivery-log/retry-waiting";
import { recoverSchema } from "@/lib/validation/operations";

export const POST = withMerchant<{ id: string }>(async ({ req, merchant, actor, params }) => {
  const input = await parseJsonBody(req, recoverSchema);
  const result = await retryWaitingDeliveries(merchant.id, params.id, { since: input.since.toISOString(), dryRun: input.dryRun }, actor);
  return NextResponse.json(result, { status: input.dryRun ? 200 : 202 });
});
