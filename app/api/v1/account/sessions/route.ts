// GET    /api/v1/account/sessions : the merchant's signed-in sessions, this one marked (dashboard session only).
// DELETE /api/v1/account/sessions : Sign out of all sessions, this one included (dashboard session only).
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { listSessions } from "@/lib/auth/list-sessions";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";

export const GET = withMerchant(async ({ merchant, sessionId }) => NextResponse.json(await listSessions(merchant.id, sessionId)), { sessionOnly: true });

export const DELETE = withMerchant(async ({ merchant, actor }) => NextResponse.json(await signOutEverywhere(merchant.id, actor)), { sessionOnly: true });
