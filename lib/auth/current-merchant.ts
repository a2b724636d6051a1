import { getServerSession } from "next-auth";
import { getMerchant, type PublicMerchant } from "@/lib/merchants/signup";
import { authOptions } from "./options";

/** The logged-in merchant from the session cookie, or null (also when the account no longer exists). */
export async function currentMerchant(): Promise<PublicMerchant | null> {
  const session = (await getServerSession(authOptions())) as { merchantId?: unknown } | null;
  const id = session?.merchantId;
  return typeof id === "string" ? getMerchant(id) : null;
}
