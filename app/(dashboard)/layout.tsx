import { redirect } from "next/navigation";
import { connection } from "next/server";
import { Sidebar } from "@/components/dashboard/sidebar";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ToastProvider } from "@/components/ui/toast";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { countUnread } from "@/lib/notifications/inbox/count-unread";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await connection(); // per request: reads the session cookie
  const merchant = await currentMerchant();
  if (!merchant) redirect("/login");
  const unread = await countUnread(merchant.id);
  return (
    <ToastProvider>
      <div className="md:flex md:min-h-dvh">
        <Sidebar merchantName={merchant.name} merchantEmail={merchant.email} bell={<NotificationBell initialUnread={unread} />} />
        <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 sm:py-10">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
