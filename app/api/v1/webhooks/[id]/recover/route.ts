// POST /api/v1/webhooks/{id}/recover : send again the endpoint's failed deliveries since a time (or count them).
// GET  /api/v1/webhooks/{id}/recover?recovery=<id> (or ?since=) : the dialog's progress: sent, failed again, pending.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { recoverDeliveries } from "@/lib/delivery-log/recover-deliveries";
import { recoverProgress } from "@/lib/delivery-log/recover-progress";
import { recoverSchema } from "@/lib/validation/operations";

type Params = { id: string };

export const POST = withMerchant<Params>(async ({ req, merchant, actor, params }) => {
  const input = await parseJsonBody(req, recoverSchema);
  const result = await recoverDeliveries(merchant.id, params.id, { since: input.since.toISOString(), dryRun: input.dryRun }, actor);
  return NextResponse.json(result, { status: input.dryRun ? 200 : 202 });
});

export const GET = withMerchant<Params>(async ({ req, merchant, params }) => {
  return NextResponse.json(await recoverProgress(merchant.id, params.id, {
    since: req.nextUrl.searchParams.get("since") ?? undefined,
    recovery: req.nextUrl.searchParams.get("recovery") ?? undefined,
  }));
});
