import { redirect } from "next/navigation";
import { connection } from "next/server";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { endpointOr404 } from "./find-endpoint";

// The existence check runs here, above the page's loading boundary, so an unknown id (or another
// merchant's) answers a real HTTP 404 before anything is streamed.
export default async function EndpointLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await connection();
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  await endpointOr404(merchant.id, (await params).id);
  return children;
}
