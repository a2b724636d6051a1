import { ApiError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { signUp } from "./signup";

export const DEMO_EMAIL = "demo@dashx.local";

/** On an empty database, creates the demo merchant so a newcomer can log in straight away. */
export async function seedDemoMerchant(password: string): Promise<{ email: string; created: boolean }> {
  const existing = await db.merchant.findUnique({ where: { email: DEMO_EMAIL } });
  if (existing) return { email: DEMO_EMAIL, created: false };
  if ((await db.merchant.count()) > 0) return { email: DEMO_EMAIL, created: false };
  try {
    await signUp({ name: "Demo Coffee Roasters", email: DEMO_EMAIL, password });
  } catch (error) {
    // Two instances starting at once on one database both found it empty: the other one created it.
    if (error instanceof ApiError && error.code === "conflict" && (await db.merchant.findUnique({ where: { email: DEMO_EMAIL } }))) {
      return { email: DEMO_EMAIL, created: false };
    }
    throw error;
  }
  return { email: DEMO_EMAIL, created: true };
}
