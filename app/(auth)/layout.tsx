import { redirect } from "next/navigation";
import { connection } from "next/server";
import { currentMerchant } from "@/lib/auth/current-merchant";
import { Logo } from "@/components/ui/logo";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  await connection(); // per request: reads the session cookie
  if (await currentMerchant()) redirect("/webhooks");
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-12 sm:justify-center sm:py-16">
      <Logo className="mb-8 text-lg" />
      <div className="w-full max-w-sm rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">{children}</div>
    </main>
  );
}
