import { redirect } from "next/navigation";
import { connection } from "next/server";
import { Sidebar } from "@/components/dashboard/sidebar";
import { ToastProvider } from "@/components/ui/toast";
import { currentMerchant } from "@/lib/auth/current-merchant";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await connection(); // per request: reads the session cookie
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  return (
    <ToastProvider>
      <div className="md:flex md:min-h-dvh">
        <Sidebar merchantName={merchant.name} merchantEmail={merchant.email} />
        <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 sm:py-10">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
