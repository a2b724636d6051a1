// DELETE /api/v1/account/sessions : Sign out of all sessions, this one included (dashboard session only).
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { recordAudit } from "@/lib/audit/record-audit";
import { revokeAllSessions } from "@/lib/auth/sessions";

export const DELETE = withMerchant(async ({ merchant, actor }) => {
  const endedSessions = await revokeAllSessions(merchant.id);
  await recordAudit({ merchantId: merchant.id, actor, action: "account.sessions_revoked", detail: { endedSessions } });
  return NextResponse.json({ endedSessions });
}, { sessionOnly: true });
