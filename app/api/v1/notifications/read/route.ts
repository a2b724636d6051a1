// POST /api/v1/notifications/read {ids} | {all: true} : mark the caller's notifications read → {updated}.
import { NextResponse } from "next/server";
import { parseJsonBody } from "@/lib/api/errors";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { markRead } from "@/lib/notifications/inbox/mark-read";
import { markReadSchema } from "@/lib/validation/notifications";

export const POST = withMerchant(async ({ req, merchant }) => {
  const input = await parseJsonBody(req, markReadSchema);
  return NextResponse.json(await markRead(merchant.id, input));
});
