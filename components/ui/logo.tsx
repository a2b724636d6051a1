/** The DashX wordmark: an accent tile with a stylised X. */
export function Logo({ className }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className ?? ""}`}>
      <svg aria-hidden viewBox="0 0 24 24" className="size-6 shrink-0">
        <rect width="24" height="24" rx="6" className="fill-accent" />
        <path d="M7.5 7.5l9 9M16.5 7.5l-9 9" className="stroke-accent-fg" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      DashX
    </span>
  );
}
