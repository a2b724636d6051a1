import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";
import { LogoutButton } from "./logout-button";
import { NavLink } from "./nav-link";

const iconProps = {
  "aria-hidden": true,
  viewBox: "0 0 20 20",
  className: "size-4 shrink-0",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 1.6,
  strokeLinecap: "round",
  strokeLinejoin: "round",
} as const;

const webhookIcon = (
  <svg {...iconProps}>
    <path d="M8.5 5.5a2.5 2.5 0 1 1 3.2 2.4L14 12" />
    <path d="M4.6 10.6a2.5 2.5 0 1 0 3.4 2.9h5" />
    <path d="M15.4 16.5a2.5 2.5 0 1 0-1.4-4.5L10 5.6" />
  </svg>
);

const eventsIcon = (
  <svg {...iconProps}>
    <path d="M2.5 10h3l2-5 5 10 2-5h3" />
  </svg>
);

const settingsIcon = (
  <svg {...iconProps}>
    <circle cx="7" cy="12.5" r="3" />
    <path d="M9.2 10.4 15.5 4M13 6.5l2 2M11.5 8l1.5 1.5" />
  </svg>
);

const apiReferenceIcon = (
  <svg {...iconProps}>
    <path d="M7 6 3 10l4 4M13 6l4 4-4 4" />
  </svg>
);

const catalogIcon = (
  <svg {...iconProps}>
    <path d="M4 4.5h12M4 8.5h12M4 12.5h8M4 16.5h5" />
  </svg>
);

/**
 * Left sidebar on wide screens; on phones a top bar with the links on a second, scrollable row. `bell`:
 * the notifications bell (a feature component, handed in by the layout), beside the product name.
 */
export function Sidebar({ merchantName, merchantEmail, bell }: { merchantName: string; merchantEmail: string; bell?: ReactNode }) {
  return (
    <nav
      aria-label="Dashboard"
      className="sticky top-0 z-30 flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b border-border bg-surface px-3 py-2 md:h-dvh md:w-60 md:shrink-0 md:flex-col md:flex-nowrap md:items-stretch md:gap-0 md:border-r md:border-b-0 md:px-3 md:py-5"
    >
      <div className="flex items-center gap-2 md:mb-6 md:justify-between">
        <Logo className="px-1 text-[15px] md:px-2" />
        {bell}
      </div>
      <ul className="order-last -mx-1 flex w-full gap-1 overflow-x-auto px-1 md:order-none md:mx-0 md:w-auto md:flex-1 md:flex-col md:overflow-visible md:px-0">
        <li>
          <NavLink href="/webhooks" icon={webhookIcon}>
            Webhook
          </NavLink>
        </li>
        <li>
          <NavLink href="/events" icon={eventsIcon}>
            Events
          </NavLink>
        </li>
        <li>
          <NavLink href="/settings" icon={settingsIcon}>
            Settings
          </NavLink>
        </li>
        {/* Developers: the API reference and the event catalog (issue 23). */}
        <li className="hidden px-2.5 pt-5 pb-1 text-xs font-medium text-muted md:block">Developers</li>
        <li>
          <NavLink href="/developers/api" icon={apiReferenceIcon}>
            API reference
          </NavLink>
        </li>
        <li>
          <NavLink href="/developers/events" icon={catalogIcon}>
            Event catalog
          </NavLink>
        </li>
      </ul>
      <div className="ml-auto flex items-center gap-2 md:mt-auto md:ml-0 md:flex-col md:items-stretch md:border-t md:border-border md:pt-4">
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
