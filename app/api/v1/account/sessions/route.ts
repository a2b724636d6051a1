// DELETE /api/v1/account/sessions : Sign out of all sessions, this one included (dashboard session only).
import { NextResponse } from "next/server";
import { withMerchant } from "@/lib/handlers/with-merchant";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";

export const DELETE = withMerchant(async ({ merchant, actor }) => NextResponse.json(await signOutEverywhere(merchant.id, actor)), { sessionOnly: true });
