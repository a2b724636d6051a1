import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function EndpointNotFound() {
  return (
    <div className="rounded-xl border border-border bg-surface px-6 py-12 text-center">
      <p className="text-sm font-medium text-muted">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">Webhook endpoint not found</h1>
      <p className="mx-auto mt-2 max-w-sm text-sm text-muted">It may have been deleted, or the link is wrong.</p>
      <Link href="/webhooks" className={buttonClass("primary", "md", "mt-6")}>
        Back to your webhooks
      </Link>
    </div>
  );
}
