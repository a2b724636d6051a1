// Health at a glance: succeeded and failed attempts per bucket as stacked bars (plain SVG, theme colours
// from CSS variables so light and dark both read), with the success rate and latency beside it. The
// same numbers are in a table for screen readers; the SVG itself is decorative.
import type { EndpointWindowStats } from "@/lib/delivery-log/attempt-stats";
import { formatLatency } from "@/lib/duration";
import { formatDay, formatHour } from "@/lib/format-time";
import type { StatsWindow } from "@/lib/validation/operations";

const H = 100;

// The dashboard's one time format (lib/format-time.ts), cut to the bucket: "14:00" or "7 Dec".
const bucketLabel = (iso: string, window: StatsWindow): string => (window === "24h" ? formatHour(iso) : formatDay(iso));

export const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`);

export function AttemptsChart({ stats, window }: { stats: EndpointWindowStats; window: StatsWindow }) {
  const { buckets } = stats;
  const max = Math.max(1, ...buckets.map((b) => b.succeeded + b.failed));
  const total = buckets.reduce((s, b) => s + b.succeeded + b.failed, 0);
  const span = window === "24h" ? "last 24 hours, per hour (UTC)" : "last 7 days, per day (UTC)";
  const slot = 10;
  const bar = 7;
  return (
    <figure aria-labelledby="attempts-chart-caption" className="grid gap-4 md:grid-cols-[1fr_auto]">
      <div className="min-w-0">
        <figcaption id="attempts-chart-caption" className="mb-2 text-[13px] text-muted">
          Attempts, {span}: <span className="inline-block size-2 rounded-sm bg-success" aria-hidden /> succeeded,{" "}
          <span className="inline-block size-2 rounded-sm bg-danger" aria-hidden /> failed. Test events are not counted.
        </figcaption>
        {total === 0 ? (
          <p className="flex h-32 items-center justify-center rounded-lg border border-dashed border-border text-[13px] text-muted">
            No attempts in this period yet.
          </p>
        ) : (
          <svg
            aria-hidden
            data-testid="attempts-chart"
            viewBox={`0 0 ${buckets.length * slot} ${H}`}
            preserveAspectRatio="none"
            className="h-32 w-full rounded-lg bg-surface-muted/50"
          >
            {buckets.map((b, i) => {
              const okH = (b.succeeded / max) * (H - 4);
              const badH = (b.failed / max) * (H - 4);
              const x = i * slot + (slot - bar) / 2;
              return (
                <g key={b.start}>
                  <title>{`${bucketLabel(b.start, window)}: ${b.succeeded} succeeded, ${b.failed} failed`}</title>
                  {b.succeeded > 0 && <rect x={x} y={H - okH} width={bar} height={okH} className="fill-success" />}
                  {b.failed > 0 && <rect x={x} y={H - okH - badH} width={bar} height={badH} className="fill-danger" />}
                </g>
              );
            })}
          </svg>
        )}
        <div aria-hidden className="mt-1 flex justify-between text-[11px] text-muted">
          <span>{bucketLabel(buckets[0].start, window)}</span>
          <span>{bucketLabel(buckets[Math.floor(buckets.length / 2)].start, window)}</span>
          <span>{bucketLabel(buckets[buckets.length - 1].start, window)}</span>
        </div>
        <table className="sr-only">
          <caption>Attempts per {window === "24h" ? "hour" : "day"}</caption>
          <thead>
            <tr>
              <th scope="col">{window === "24h" ? "Hour (UTC)" : "Day (UTC)"}</th>
              <th scope="col">Succeeded</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{bucketLabel(b.start, window)}</th>
                <td>{b.succeeded}</td>
                <td>{b.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="grid grid-cols-3 gap-4 md:w-40 md:grid-cols-1 md:content-start">
        {[
          ["Success rate", percent(stats.successRate)],
          ["p50 latency", formatLatency(stats.p50Ms)],
          ["p95 latency", formatLatency(stats.p95Ms)],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
