import Link from "next/link";
import { cn } from "./cn";

export type FilterOption = { label: string; href: string; active: boolean };

/** A row of filter links (state lives in the URL, e.g. ?status=failed); the current one is aria-current. */
export function FilterLinks({ label, options }: { label: string; options: FilterOption[] }) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex flex-wrap gap-1 rounded-lg border border-border bg-surface p-1 shadow-xs">
        {options.map((o) => (
          <li key={o.label}>
            <Link
              href={o.href}
              scroll={false}
              aria-current={o.active ? "page" : undefined}
              className={cn(
                "block rounded-md px-2.5 py-1 text-[13px] font-medium whitespace-nowrap transition-colors",
                o.active ? "bg-accent-soft text-accent" : "text-muted hover:bg-surface-muted hover:text-fg",
              )}
            >
              {o.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
