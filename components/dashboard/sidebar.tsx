import { Logo } from "@/components/ui/logo";
import { LogoutButton } from "./logout-button";
import { NavLink } from "./nav-link";

const webhookIcon = (
  <svg aria-hidden viewBox="0 0 20 20" className="size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
    <path d="M8.5 5.5a2.5 2.5 0 1 1 3.2 2.4L14 12" />
    <path d="M4.6 10.6a2.5 2.5 0 1 0 3.4 2.9h5" />
    <path d="M15.4 16.5a2.5 2.5 0 1 0-1.4-4.5L10 5.6" />
  </svg>
);

/** Left sidebar on wide screens, a compact top bar on phones. */
export function Sidebar({ merchantName, merchantEmail }: { merchantName: string; merchantEmail: string }) {
  return (
    <nav
      aria-label="Dashboard"
      className="sticky top-0 z-30 flex items-center gap-2 border-b border-border bg-surface px-3 py-2 md:h-dvh md:w-60 md:shrink-0 md:flex-col md:items-stretch md:gap-0 md:border-r md:border-b-0 md:px-3 md:py-5"
    >
      <Logo className="px-1 text-[15px] md:mb-6 md:px-2" />
      <ul className="flex flex-1 gap-1 md:flex-col">
        <li>
          <NavLink href="/webhooks" icon={webhookIcon}>
            Webhook
          </NavLink>
        </li>
      </ul>
      <div className="flex items-center gap-2 md:mt-auto md:flex-col md:items-stretch md:border-t md:border-border md:pt-4">
        <div className="hidden min-w-0 px-2 md:block">
          <p className="truncate text-sm font-medium" title={merchantName}>
            {merchantName}
          </p>
          <p className="truncate text-xs text-muted" title={merchantEmail}>
            {merchantEmail}
          </p>
        </div>
        <LogoutButton />
      </div>
    </nav>
  );
}
