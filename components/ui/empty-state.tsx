import type { ReactNode } from "react";

/** The teaching empty state of a list: what will appear here, and how to make it appear. */
export function EmptyState({ id, icon, title, children, action }: { id: string; icon?: ReactNode; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-dashed border-border bg-surface px-5 py-10 text-center sm:px-6 sm:py-12">
      {icon && <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-accent-soft text-accent">{icon}</div>}
      <h2 id={id} className="mt-4 text-base font-semibold first:mt-0">
        {title}
      </h2>
      <div className="mx-auto mt-2 max-w-lg space-y-2 text-sm text-muted">{children}</div>
      {action && <div className="mt-6 flex justify-center">{action}</div>}
    </section>
  );
}
