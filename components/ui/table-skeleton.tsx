/** A list table's loading state: its frame, a header band and `rows` rows of pulsing bars (widths given). */
export function TableSkeleton({ rows, bars }: { rows: number; bars: string[] }) {
  return (
    <div className="overflow-hidden rounded-xl border border-border bg-surface">
      <div className="h-10 border-b border-border bg-surface-muted/60" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex flex-wrap gap-6 border-b border-border px-4 py-4 last:border-0">
          {bars.map((bar, j) => (
            <div key={j} className={`h-4 animate-pulse rounded bg-surface-muted ${bar}`} />
          ))}
        </div>
      ))}
    </div>
  );
}
